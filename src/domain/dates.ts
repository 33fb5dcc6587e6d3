/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Arithmetic is done in UTC so no local time zone or
 * daylight-saving rule can shift a day; "today" is always the date in China (UTC+8).
 */
export type IsoDate = string;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function toUtc(d: IsoDate): Date {
  if (!isIsoDate(d)) throw new RangeError(`not a date: ${d}`);
  return new Date(`${d}T00:00:00Z`);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  const t = toUtc(d);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  return toUtc(d).getUTCDay();
}

export function yearOf(d: IsoDate): number {
  return Number(d.slice(0, 4));
}

export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** The calendar date in China (UTC+8, no daylight saving) at instant `now`. */
export function chinaDate(now: Date): IsoDate {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function monthOf(d: IsoDate): string {
  return d.slice(0, 7);
}

export function lastDayOfMonth(month: string): IsoDate {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** 2026年10月9日, as dates are written in official documents. */
export function formatChineseDate(d: IsoDate): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${day}日`;
}
