import type { CalendarData } from '../../src/domain/calendar.js';
import { addDays, dayOfWeek, type IsoDate } from '../../src/domain/dates.js';

/**
 * The day-by-day working-day arithmetic as it was before working-day ordinals (src/domain/calendar.ts
 * up to issue 10): kept verbatim as the oracle the fast functions are tested and benchmarked against.
 * Each step builds a Date and runs the ISO regex — slow, obviously right.
 */
export function isWorkingDayByDay(cal: CalendarData, d: IsoDate): boolean {
  if (cal.holidays.has(d)) return false;
  if (cal.workdays.has(d)) return true;
  const dow = dayOfWeek(d);
  return dow !== 0 && dow !== 6;
}

export function addWorkingDaysByDay(cal: CalendarData, d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError('n must be an integer');
  const step = n >= 0 ? 1 : -1;
  let left = Math.abs(n);
  let cur = d;
  while (left > 0) {
    cur = addDays(cur, step);
    if (isWorkingDayByDay(cal, cur)) left--;
  }
  return cur;
}

export function workingDaysBetweenByDay(cal: CalendarData, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let cur = from; cur <= to; cur = addDays(cur, 1)) if (isWorkingDayByDay(cal, cur)) count++;
  return count;
}

export function workingDaysElapsedByDay(cal: CalendarData, from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysElapsedByDay(cal, to, from);
  if (to === from) return 0;
  return workingDaysBetweenByDay(cal, addDays(from, 1), to);
}

export function nextWorkingDayByDay(cal: CalendarData, d: IsoDate): IsoDate {
  let cur = d;
  while (!isWorkingDayByDay(cal, cur)) cur = addDays(cur, 1);
  return cur;
}
