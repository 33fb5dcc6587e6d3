import type { CalendarData } from './calendar.js';
import type { IsoDate } from './dates.js';
import { daysInYear, parseYearDay, weekdayOf, yearDates, yearStartDayNumber } from './day-number.js';

/**
 * Working-day ordinals (工作日序号): W(day) = the number of working days up to and including `day`,
 * counted from a fixed origin, so that "working days from a to b" is W(b) − W(a − 1) and "the nth
 * working day after d" is the first day whose W reaches W(d) + n — a lookup and a binary search
 * instead of a loop that builds a Date and runs a regex per day.
 *
 * W is Monday–Friday counted arithmetically plus the sum of the dated exceptions before the day (+1
 * for a 调休 weekend day, −1 for a holiday on a weekday: exactly isWorkingDay's rule, holidays win
 * over workdays, a year not loaded simply has no exceptions, i.e. weekends only). Each year touched
 * gets a table of 365/366 running counts and its ISO strings, built once per calendar object.
 *
 * The cache is keyed on the CalendarData object (a WeakMap): a calendar is an immutable value —
 * buildCalendar and withoutYear make new maps, the store replaces the object on reload, nothing
 * mutates one in place — so a changed calendar is a new object with its own tables.
 */
interface YearTable {
  year: number;
  /** W(31 December of the year before). */
  base: number;
  /** running[i] = W(day i of the year) − base. */
  running: Int32Array;
  dates: IsoDate[] | undefined;
}

interface Index {
  /** Day numbers (days after 1970-01-01) of the exceptions that change a day's status, ascending. */
  days: Int32Array;
  /** before[k] = sum of the changes of days[0..k-1]. */
  before: Int32Array;
  change: Map<number, number>;
  years: Map<number, YearTable>;
}

const indexes = new WeakMap<CalendarData, Index>();

function isWeekendDay(dayNumber: number): boolean {
  const w = weekdayOf(dayNumber);
  return w === 0 || w === 6;
}

function buildIndex(cal: CalendarData): Index {
  const change = new Map<number, number>();
  const note = (d: IsoDate) => {
    let yd;
    try {
      yd = parseYearDay(d);
    } catch {
      return; // a key that is not a date never equals a date asked about
    }
    const n = yearStartDayNumber(yd.year) + yd.index;
    const weekday = isWeekendDay(n) ? 0 : 1;
    const working = cal.holidays.has(d) ? 0 : 1;
    if (working !== weekday) change.set(n, working - weekday);
  };
  for (const d of cal.holidays.keys()) note(d);
  for (const d of cal.workdays.keys()) if (!cal.holidays.has(d)) note(d);
  const days = Int32Array.from([...change.keys()].sort((a, b) => a - b));
  const before = new Int32Array(days.length + 1);
  for (let k = 0; k < days.length; k++)
    before[k + 1] = (before[k] as number) + (change.get(days[k] as number) as number);
  return { days, before, change, years: new Map() };
}

function indexOf(cal: CalendarData): Index {
  let idx = indexes.get(cal);
  if (!idx) {
    idx = buildIndex(cal);
    indexes.set(cal, idx);
  }
  return idx;
}

/** Monday–Friday strictly before day `n`, counted from the Monday 1969-12-29 (day −3). */
function weekdaysBefore(n: number): number {
  const x = n + 3;
  const weeks = Math.floor(x / 7);
  return weeks * 5 + Math.min(x - weeks * 7, 5);
}

/** Sum of the exception changes strictly before day `n`. */
function changesBefore(idx: Index, n: number): number {
  let lo = 0;
  let hi = idx.days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((idx.days[mid] as number) < n) lo = mid + 1;
    else hi = mid;
  }
  return idx.before[lo] as number;
}

function yearTable(idx: Index, year: number): YearTable {
  let t = idx.years.get(year);
  if (t) return t;
  if (year < 100 || year > 9999) throw new RangeError(`not a date: year ${year}`);
  const start = yearStartDayNumber(year);
  const running = new Int32Array(daysInYear(year));
  let count = 0;
  for (let i = 0; i < running.length; i++) {
    const n = start + i;
    count += (isWeekendDay(n) ? 0 : 1) + (idx.change.get(n) ?? 0);
    running[i] = count;
  }
  t = { year, base: weekdaysBefore(start) + changesBefore(idx, start), running, dates: undefined };
  idx.years.set(year, t);
  return t;
}

/** A date as its year table and day of the year. */
export interface Day {
  table: YearTable;
  index: number;
}

export function dayOf(cal: CalendarData, d: IsoDate): Day {
  const yd = parseYearDay(d);
  return { table: yearTable(indexOf(cal), yd.year), index: yd.index };
}

/** W(day): working days up to and including it. */
export function ordinalOf(day: Day): number {
  return day.table.base + (day.table.running[day.index] as number);
}

/** W(the day before). */
export function ordinalBefore(day: Day): number {
  return day.index === 0 ? day.table.base : day.table.base + (day.table.running[day.index - 1] as number);
}

/** The first day whose W reaches `target` — always a working day — searching from `near`'s year. */
export function firstDayReaching(cal: CalendarData, near: Day, target: number): IsoDate {
  const idx = indexOf(cal);
  let t = near.table;
  while (t.base + (t.running[t.running.length - 1] as number) < target) t = yearTable(idx, t.year + 1);
  while (t.base >= target) t = yearTable(idx, t.year - 1);
  const want = target - t.base;
  let lo = 0;
  let hi = t.running.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t.running[mid] as number) < want) lo = mid + 1;
    else hi = mid;
  }
  t.dates ??= yearDates(t.year);
  return t.dates[lo] as IsoDate;
}
