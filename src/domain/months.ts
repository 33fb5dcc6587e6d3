import { lastDayOfMonth } from './dates.js';

/** Calendar months as "YYYY-MM" strings; quarters as "2026-Q4"; half-years as "2026-H2". */
export type Month = string;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(s: string): boolean {
  return MONTH_RE.test(s);
}

function parts(m: Month): [number, number] {
  const r = MONTH_RE.exec(m);
  if (!r) throw new RangeError(`not a month: ${m}`);
  return [Number(r[1]), Number(r[2])];
}

/** Whole calendar months from `a` to `b` (negative when b is earlier): 2026-09 → 2026-12 = 3. */
export function monthDiff(a: Month, b: Month): number {
  const [ya, ma] = parts(a);
  const [yb, mb] = parts(b);
  return (yb - ya) * 12 + (mb - ma);
}

export function addMonths(m: Month, n: number): Month {
  const [y, mo] = parts(m);
  const idx = y * 12 + (mo - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export function firstDayOfMonth(m: Month): string {
  parts(m);
  return `${m}-01`;
}

export { lastDayOfMonth };

/** The months from `from` to `to`, both included. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const n = monthDiff(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addMonths(from, i));
}

export function quarterOf(m: Month): string {
  const [y, mo] = parts(m);
  return `${y}-Q${Math.ceil(mo / 3)}`;
}

export function halfOf(m: Month): string {
  const [y, mo] = parts(m);
  return `${y}-H${mo <= 6 ? 1 : 2}`;
}

/** 2026年10月 */
export function formatChineseMonth(m: Month): string {
  const [y, mo] = parts(m);
  return `${y}年${mo}月`;
}
