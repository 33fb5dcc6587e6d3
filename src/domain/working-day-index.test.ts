import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  buildCalendar,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
  workingDaysElapsed,
  type CalendarData,
  type CalendarException,
} from './calendar.js';
import { parseHolidayNotice } from './calendar-notice.js';
import { addDays } from './dates.js';
import { workingDaysAfter } from './working-days.js';
import { OFFICIAL_2026 } from '../../test/fixtures/official-2026.js';
import { NOTICE_2025 } from '../../test/fixtures/holiday-notices.js';
import {
  addWorkingDaysByDay,
  isWorkingDayByDay,
  nextWorkingDayByDay,
  workingDaysBetweenByDay,
  workingDaysElapsedByDay,
} from '../../test/oracles/working-days-oracle.js';

/** 2025 from the State Council's notice, 2026 as typed in by hand; 2024 and 2027 not loaded. */
const cal = buildCalendar([2025, 2026], [...parseHolidayNotice(NOTICE_2025).days, ...OFFICIAL_2026]);

describe('working-day ordinals across 调休 weekends (cases not in the table tests)', () => {
  it.each([
    ['2025-09-26', 1, '2025-09-28', 'Friday + 1 → the 调休 Sunday before 国庆 2025'],
    ['2025-09-30', 1, '2025-10-09', 'across the eight days of 国庆/中秋 2025'],
    ['2025-09-30', 3, '2025-10-11', 'lands on the 调休 Saturday 11 Oct 2025'],
    ['2025-10-11', -1, '2025-10-10', 'back from the 调休 Saturday'],
    ['2025-10-09', -1, '2025-09-30', 'back across 国庆 2025'],
    ['2025-10-13', -6, '2025-09-28', 'back onto the 调休 Sunday'],
    ['2025-12-31', 1, '2026-01-04', 'into the next loaded year: 元旦 off, Sunday 4 Jan worked'],
    ['2026-02-13', 2, '2026-02-24', 'the 调休 Saturday 14 Feb, then across 春节'],
    ['2026-02-28', -5, '2026-02-14', 'back from one 调休 Saturday to the other'],
    ['2026-03-02', -1, '2026-02-28', 'Monday − 1 → the 调休 Saturday'],
    ['2026-10-01', 1, '2026-10-08', 'starting on a holiday'],
    ['2026-10-03', -1, '2026-09-30', 'starting on a holiday, backwards'],
    ['2026-02-17', 5, '2026-02-28', 'starting inside 春节'],
    ['2026-10-01', 0, '2026-10-01', 'zero days from a holiday is the holiday itself'],
    ['2026-12-31', 1, '2027-01-01', '2027 not loaded: 1 January counted as a Friday (暂定)'],
    ['2026-12-31', 2, '2027-01-04', '2027 not loaded: weekends only'],
    ['2025-01-02', -2, '2024-12-30', 'back past 元旦 2025 into 2024, not loaded'],
  ])('addWorkingDays(%s, %i) = %s (%s)', (from, n, expected) => {
    expect(addWorkingDays(cal, from, n)).toBe(expected);
    expect(addWorkingDaysByDay(cal, from, n)).toBe(expected);
  });

  it.each([
    ['2025-09-27', '2025-10-12', 6],
    ['2026-02-14', '2026-02-28', 6],
    ['2026-10-01', '2026-10-08', 1],
    ['2026-02-15', '2026-02-23', 0],
    ['2026-12-28', '2027-01-10', 10],
    ['2024-12-30', '2025-01-03', 4],
    ['2026-03-05', '2026-03-02', 0],
  ])('workingDaysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(workingDaysBetween(cal, from, to)).toBe(expected);
    expect(workingDaysBetweenByDay(cal, from, to)).toBe(expected);
  });

  it('counts elapsed days backwards as negative and starts the next working day on a holiday', () => {
    expect(workingDaysElapsed(cal, '2025-10-11', '2025-09-28')).toBe(-5);
    expect(workingDaysAfter(cal, '2025-10-11', '2025-09-28')).toBe(-5);
    expect(workingDaysElapsed(cal, '2026-10-05', '2026-10-05')).toBe(0);
    expect(nextWorkingDay(cal, '2026-02-15')).toBe('2026-02-24');
    expect(nextWorkingDay(cal, '2026-02-14')).toBe('2026-02-14');
  });

  it('rejects what is not a date the way the day loop did', () => {
    expect(() => addWorkingDays(cal, '2026-02-29', 1)).toThrow(RangeError);
    expect(() => addWorkingDaysByDay(cal, '2026-02-29', 1)).toThrow(RangeError);
    expect(() => workingDaysBetween(cal, '2026-13-01', '2026-13-02')).toThrow(RangeError);
    expect(() => addWorkingDays(cal, '2026-03-02', 1.5)).toThrow('n must be an integer');
  });

  it('reads a calendar changed into a new object afresh (the cache is per calendar object)', () => {
    const without = buildCalendar(
      [2026],
      OFFICIAL_2026.filter((e) => e.date !== '2026-10-10'),
    );
    expect(addWorkingDays(cal, '2026-10-09', 1)).toBe('2026-10-10');
    expect(addWorkingDays(without, '2026-10-09', 1)).toBe('2026-10-12');
  });
});

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Odd calendars too: holidays on weekends, workdays on weekdays, a date both (the holiday wins). */
function randomCalendar(r: () => number): CalendarData {
  const days: CalendarException[] = [];
  for (let i = 0; i < 60; i++) {
    const date = addDays('2025-06-01', Math.floor(r() * 600));
    days.push({ date, kind: r() < 0.6 ? 'holiday' : 'workday', name: 'x' });
  }
  return buildCalendar([2025, 2026], days);
}

function agree(c: CalendarData, r: () => number, cases: number): void {
  for (let i = 0; i < cases; i++) {
    const from = addDays('2024-09-01', Math.floor(r() * 1000));
    const n = Math.floor(r() * 521) - 260;
    const to = addDays(from, Math.floor(r() * 731) - 365);
    const label = `${from} ${n} ${to}`;
    expect(addWorkingDays(c, from, n), label).toBe(addWorkingDaysByDay(c, from, n));
    expect(workingDaysBetween(c, from, to), label).toBe(workingDaysBetweenByDay(c, from, to));
    expect(workingDaysElapsed(c, from, to), label).toBe(workingDaysElapsedByDay(c, from, to));
    expect(workingDaysAfter(c, from, to), label).toBe(workingDaysElapsedByDay(c, from, to));
    expect(nextWorkingDay(c, from), label).toBe(nextWorkingDayByDay(c, from));
    expect(isWorkingDay(c, from), label).toBe(isWorkingDayByDay(c, from));
  }
}

describe('the ordinals agree with the day-by-day oracle (seeded random cases)', () => {
  it('on the official 2025 and 2026 schedules, spans up to a year either way across 2024 and 2027', () => {
    agree(cal, rng(20261207), 400);
  });

  it('on random calendars with exceptions on any day', () => {
    const r = rng(10);
    for (let k = 0; k < 5; k++) agree(randomCalendar(r), r, 80);
  });
});
