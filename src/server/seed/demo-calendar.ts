import { addDays, type IsoDate } from '../../domain/dates.js';

/**
 * The demo's past events dated from the day it loads, never after it: the last quarter's 季督办, the
 * last half-year's 观摩 and how far back the 月调度 history reaches (issue 11: "于 2026-12-04 确认" was
 * seen on 2026-12-02). Written for a demo loaded on 2026-12-02, they give the dates the seeds quote.
 */
export function lastQuarterVisit(today: IsoDate): { quarter: string; on: IsoDate } {
  const y = Number(today.slice(0, 4));
  const q = Math.ceil(Number(today.slice(5, 7)) / 3);
  const [py, pq] = q === 1 ? [y - 1, 4] : [y, q - 1];
  return { quarter: `${py}-Q${pq}`, on: `${py}-${String(pq * 3).padStart(2, '0')}-18` };
}

/** This quarter's visit: 13 days ago, but not before the quarter began. */
export function thisQuarterVisit(today: IsoDate): { quarter: string; on: IsoDate } {
  const y = today.slice(0, 4);
  const q = Math.ceil(Number(today.slice(5, 7)) / 3);
  const start = `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`;
  const on = addDays(today, -13);
  return { quarter: `${y}-Q${q}`, on: on < start ? start : on };
}

/** The last half-year's 观摩 (held on the 25th of its last month, announced five days before). */
export function lastHalfObservation(today: IsoDate): {
  half: string;
  title: string;
  heldOn: IsoDate;
  announcedOn: IsoDate;
} {
  const y = Number(today.slice(0, 4));
  const [hy, h] = Number(today.slice(5, 7)) > 6 ? [y, 1] : [y - 1, 2];
  const month = h === 1 ? '06' : '12';
  return {
    half: `${hy}-H${h}`,
    title: `${hy}年${h === 1 ? '上' : '下'}半年重点项目观摩`,
    heldOn: `${hy}-${month}-25`,
    announcedOn: `${hy}-${month}-20`,
  };
}
