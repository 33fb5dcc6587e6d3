import { addDays, dayOfWeek, type IsoDate, yearOf } from './dates.js';

/**
 * The working-day calendar (工作日历): Monday–Friday are working days, except dated exceptions —
 * 法定节假日 (public holidays, days off) and 调休 (weekend days made working days). A year whose
 * official schedule is not loaded (2027 until the State Council publishes it) is counted on weekends
 * only, and every date computed through it is provisional (暂定): see provisionalYear. When the year is
 * loaded, provisional deadlines are recomputed (calendar.yearLoaded).
 */
export interface CalendarData {
  years: ReadonlySet<number>;
  /** date → holiday name, e.g. "2026-10-01" → "国庆节" */
  holidays: ReadonlyMap<IsoDate, string>;
  /** date → the holiday it makes up for, e.g. "2026-10-10" → "国庆节" */
  workdays: ReadonlyMap<IsoDate, string>;
}

export type DayKind = 'holiday' | 'workday';

export interface CalendarException {
  date: IsoDate;
  kind: DayKind;
  name: string;
}

export { provisionalReason } from '../shared/provisional.js';

export function buildCalendar(years: Iterable<number>, exceptions: Iterable<CalendarException>): CalendarData {
  const holidays = new Map<IsoDate, string>();
  const workdays = new Map<IsoDate, string>();
  for (const e of exceptions) (e.kind === 'holiday' ? holidays : workdays).set(e.date, e.name);
  return { years: new Set(years), holidays, workdays };
}

/**
 * The first year from `a` to `b` (either order) whose schedule is not loaded, or null: a date computed
 * by counting working days across that span is provisional (暂定) until the year is loaded.
 */
export function provisionalYear(cal: CalendarData, a: IsoDate, b: IsoDate = a): number | null {
  const [lo, hi] = a <= b ? [yearOf(a), yearOf(b)] : [yearOf(b), yearOf(a)];
  for (let y = lo; y <= hi; y++) if (!cal.years.has(y)) return y;
  return null;
}

/** Monday–Friday, except loaded holidays and 调休 days; a year not loaded has weekends only. */
export function isWorkingDay(cal: CalendarData, d: IsoDate): boolean {
  if (cal.holidays.has(d)) return false;
  if (cal.workdays.has(d)) return true;
  const dow = dayOfWeek(d);
  return dow !== 0 && dow !== 6;
}

/**
 * The |n|th working day after `d` (before it when n is negative). n = 0 returns `d` itself.
 * Deadlines: dispatched on d with a limit of 5 working days → due on addWorkingDays(cal, d, 5).
 */
export function addWorkingDays(cal: CalendarData, d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError('n must be an integer');
  const step = n >= 0 ? 1 : -1;
  let left = Math.abs(n);
  let cur = d;
  while (left > 0) {
    cur = addDays(cur, step);
    if (isWorkingDay(cal, cur)) left--;
  }
  return cur;
}

/** Working days from `from` to `to`, both ends included; 0 when `to` is before `from`. */
export function workingDaysBetween(cal: CalendarData, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let cur = from; cur <= to; cur = addDays(cur, 1)) if (isWorkingDay(cal, cur)) count++;
  return count;
}

/**
 * Working days elapsed after `from` up to and including `to` (from itself not counted): the
 * duration of a step started on `from` and finished on `to`. Negative when `to` is before `from`.
 */
export function workingDaysElapsed(cal: CalendarData, from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysElapsed(cal, to, from);
  if (to === from) return 0;
  return workingDaysBetween(cal, addDays(from, 1), to);
}

/** The next working day on or after `d`. */
export function nextWorkingDay(cal: CalendarData, d: IsoDate): IsoDate {
  let cur = d;
  while (!isWorkingDay(cal, cur)) cur = addDays(cur, 1);
  return cur;
}
