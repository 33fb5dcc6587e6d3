import { describe, expect, it } from 'vitest';
import { buildCalendar, workingDaysElapsed } from './calendar.js';
import { addDays } from './dates.js';
import { workingDaysAfter } from './working-days.js';
import { OFFICIAL_2026 } from '../../test/fixtures/official-2026.js';

const cal = buildCalendar([2026], OFFICIAL_2026);

describe('workingDaysAfter equals the day-by-day count', () => {
  it.each([
    ['2026-09-30', '2026-10-08', 1],
    ['2026-09-30', '2026-10-21', 11],
    ['2026-10-09', '2026-11-23', 32],
    ['2026-02-13', '2026-02-28', 6],
    ['2026-02-27', '2026-03-01', 1],
    ['2026-01-01', '2026-12-31', 248],
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-05', '2026-03-02', -3],
  ])('%s → %s = %i', (from, to, n) => {
    expect(workingDaysAfter(cal, from, to)).toBe(n);
    expect(workingDaysElapsed(cal, from, to)).toBe(n);
  });

  it('agrees with workingDaysElapsed on every pair of a year’s first days and a spread of ends', () => {
    for (let a = 0; a < 365; a += 3) {
      const from = addDays('2026-01-01', a);
      for (let b = a; b < 365; b += 11) {
        const to = addDays('2026-01-01', b);
        expect(workingDaysAfter(cal, from, to), `${from}→${to}`).toBe(workingDaysElapsed(cal, from, to));
      }
    }
  });

  it('counts a year that is not loaded on weekends only, like the day loop', () => {
    for (const [from, to] of [
      ['2026-12-30', '2027-01-04'],
      ['2025-12-30', '2026-01-04'],
      ['2026-09-01', '2027-03-01'],
    ] as const)
      expect(workingDaysAfter(cal, from, to), `${from}→${to}`).toBe(workingDaysElapsed(cal, from, to));
    expect(workingDaysAfter(cal, '2026-12-30', '2027-01-04')).toBe(3);
  });
});
