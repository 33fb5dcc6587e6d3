import { type IsoDate, yearOf } from './dates.js';
import { parseYearDay, weekdayOf, yearStartDayNumber } from './day-number.js';
import { dayOf, firstDayReaching, ordinalBefore, ordinalOf } from './working-day-index.js';

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
  const { year, index } = parseYearDay(d);
  const dow = weekdayOf(yearStartDayNumber(year) + index);
  return dow !== 0 && dow !== 6;
}

/**
 * The |n|th working day after `d` (before it when n is negative). n = 0 returns `d` itself.
 * Deadlines: dispatched on d with a limit of 5 working days → due on addWorkingDays(cal, d, 5).
 * Computed from working-day ordinals (working-day-index.ts), not by stepping day by day.
 */
export function addWorkingDays(cal: CalendarData, d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError('n must be an integer');
  if (n === 0) return d;
  const day = dayOf(cal, d);
  return firstDayReaching(cal, day, n > 0 ? ordinalOf(day) + n : ordinalBefore(day) + n + 1);
}

/** Working days from `from` to `to`, both ends included; 0 when `to` is before `from`. */
export function workingDaysBetween(cal: CalendarData, from: IsoDate, to: IsoDate): number {
  if (to < from) return 0;
  return ordinalOf(dayOf(cal, to)) - ordinalBefore(dayOf(cal, from));
}

/**
 * Working days elapsed after `from` up to and including `to` (from itself not counted): the
 * duration of a step started on `from` and finished on `to`. Negative when `to` is before `from`.
 */
export function workingDaysElapsed(cal: CalendarData, from: IsoDate, to: IsoDate): number {
  if (to === from) return 0;
  return ordinalOf(dayOf(cal, to)) - ordinalOf(dayOf(cal, from));
}

/** The next working day on or after `d`. */
export function nextWorkingDay(cal: CalendarData, d: IsoDate): IsoDate {
  if (isWorkingDay(cal, d)) return d;
  const day = dayOf(cal, d);
  return firstDayReaching(cal, day, ordinalOf(day) + 1);
}
