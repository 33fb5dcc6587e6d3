import type { IsoDate } from './dates.js';

/**
 * ISO dates as integers without `Date` or a regular expression: the working-day index reads a date
 * with a few character codes and writes one from a table. Accepts exactly what isIsoDate in dates.ts
 * accepts (YYYY-MM-DD, a real day, year 0100–9999: `Date.UTC` reads years below 100 as 19xx, so those
 * never were valid dates here) and throws the same RangeError otherwise.
 */
export interface YearDay {
  year: number;
  /** 0 = 1 January. */
  index: number;
}

const MONTH_START = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const MONTH_LENGTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** The year and day of the year of an ISO date; RangeError "not a date: …" like dates.ts. */
export function parseYearDay(d: IsoDate): YearDay {
  if (typeof d === 'string' && d.length === 10 && d.charCodeAt(4) === 45 && d.charCodeAt(7) === 45) {
    const year = digit(d, 0) * 1000 + digit(d, 1) * 100 + digit(d, 2) * 10 + digit(d, 3);
    const month = digit(d, 5) * 10 + digit(d, 6);
    const day = digit(d, 8) * 10 + digit(d, 9);
    if (year >= 100 && month >= 1 && month <= 12 && day >= 1) {
      const leap = month === 2 && isLeapYear(year) ? 1 : 0;
      if (day <= (MONTH_LENGTH[month - 1] as number) + leap) {
        const after = month > 2 && isLeapYear(year) ? 1 : 0;
        return { year, index: (MONTH_START[month - 1] as number) + after + day - 1 };
      }
    }
  }
  throw new RangeError(`not a date: ${d}`);
}

/** Days from 1970-01-01 to 1 January of `y` (proleptic Gregorian, negative before 1970). */
export function yearStartDayNumber(y: number): number {
  const p = y - 1;
  return 365 * (y - 1970) + Math.floor(p / 4) - Math.floor(p / 100) + Math.floor(p / 400) - 477;
}

/** 0 = Sunday … 6 = Saturday, of the day `dayNumber` days after 1970-01-01 (a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The ISO strings of every day of year `y`, in order. */
export function yearDates(y: number): IsoDate[] {
  const out: IsoDate[] = [];
  const ys = String(y).padStart(4, '0');
  for (let m = 0; m < 12; m++) {
    const ms = `${ys}-${String(m + 1).padStart(2, '0')}-`;
    const n = (MONTH_LENGTH[m] as number) + (m === 1 && isLeapYear(y) ? 1 : 0);
    for (let day = 1; day <= n; day++) out.push(ms + String(day).padStart(2, '0'));
  }
  return out;
}
