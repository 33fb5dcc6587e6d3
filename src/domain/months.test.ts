import { describe, expect, it } from 'vitest';
import { addMonths, halfOf, monthDiff, monthsBetween, quarterOf } from './months.js';

describe('months', () => {
  it.each([
    ['2026-09', '2026-12', 3],
    ['2026-11', '2027-02', 3],
    ['2026-12', '2026-12', 0],
    ['2027-01', '2026-12', -1],
  ])('monthDiff %s → %s = %i', (a, b, n) => expect(monthDiff(a, b)).toBe(n));
  it.each([
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-05', 12, '2027-05'],
  ])('addMonths %s + %i = %s', (m, n, r) => expect(addMonths(m, n)).toBe(r));
  it('lists, quarters and halves', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect([quarterOf('2026-10'), quarterOf('2026-03'), halfOf('2026-06'), halfOf('2026-07')]).toEqual([
      '2026-Q4',
      '2026-Q1',
      '2026-H1',
      '2026-H2',
    ]);
  });
});
