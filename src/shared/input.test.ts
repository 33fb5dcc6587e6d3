import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idParam, isoDate, isRealIsoDate, withDateOrder } from './input.js';

describe('isRealIsoDate', () => {
  it.each([
    ['2026-11-23', true],
    ['2024-02-29', true],
    ['1900-01-01', true],
    ['2100-12-31', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['0000-00-00', false],
    ['1899-12-31', false],
    ['2101-01-01', false],
    ['2026-1-1', false],
    ['2026-11-23T00:00', false],
  ])('%s → %s', (s, ok) => expect(isRealIsoDate(s)).toBe(ok));
});

describe('shared schemas', () => {
  it('isoDate reports one issue per bad value', () => {
    const r = isoDate.safeParse('2026-2-1');
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
  });
  it('idParam takes 1 … 2147483647 from a string', () => {
    expect(idParam.parse('2147483647')).toBe(2147483647);
    for (const bad of ['2147483648', '0', '-1', 'NaN', '1.5', '', 'Infinity'])
      expect(idParam.safeParse(bad).success).toBe(false);
  });
  it('withDateOrder names `to` when it is before `from`', () => {
    const s = withDateOrder(z.object({ from: isoDate.optional(), to: isoDate.optional() }));
    expect(s.safeParse({ from: '2026-01-02', to: '2026-01-02' }).success).toBe(true);
    expect(s.safeParse({ from: '2026-01-02' }).success).toBe(true);
    const r = s.safeParse({ from: '2026-01-03', to: '2026-01-02' });
    expect(r.error?.issues[0]?.path).toEqual(['to']);
  });
});
