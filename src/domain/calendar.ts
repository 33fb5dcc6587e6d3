import { addDays, dayOfWeek, type IsoDate, yearOf } from './dates.js';

/**
 * The working-day calendar (工作日历): Monday–Friday are working days, except dated exceptions —
 * 法定节假日 (public holidays, days off) and 调休 (weekend days made working days). Only years whose
 * official schedule is loaded can be asked about; any other year is an explicit error, never a guess.
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

export class CalendarYearMissingError extends Error {
  constructor(readonly year: number) {
    super(
      `工作日历缺少 ${year} 年数据：请系统管理员导入 ${year} 年的节假日安排 / no working-day calendar loaded for ${year}`,
    );
  }
}

export function buildCalendar(years: Iterable<number>, exceptions: Iterable<CalendarException>): CalendarData {
  const holidays = new Map<IsoDate, string>();
  const workdays = new Map<IsoDate, string>();
  for (const e of exceptions) (e.kind === 'holiday' ? holidays : workdays).set(e.date, e.name);
  return { years: new Set(years), holidays, workdays };
}

function requireYear(cal: CalendarData, d: IsoDate): void {
  const y = yearOf(d);
  if (!cal.years.has(y)) throw new CalendarYearMissingError(y);
}

export function isWorkingDay(cal: CalendarData, d: IsoDate): boolean {
  requireYear(cal, d);
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
  requireYear(cal, d);
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
  requireYear(cal, from);
  requireYear(cal, to);
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
