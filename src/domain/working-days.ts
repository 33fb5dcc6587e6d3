import type { CalendarData } from './calendar.js';
import type { IsoDate } from './dates.js';
import { dayOf, ordinalOf } from './working-day-index.js';

/**
 * Working days after `from` up to and including `to` — the same answer as workingDaysElapsed in
 * calendar.ts: the difference of the two days' working-day ordinals (working-day-index.ts). Lateness
 * of a node a year overdue, asked for every node of every project on every page and in the daily run,
 * costs two table lookups, not 365 steps. A year not loaded counts weekends only, exactly like the day
 * loop (the result is then provisional).
 */
export function workingDaysAfter(cal: CalendarData, from: IsoDate, to: IsoDate): number {
  if (to === from) return 0;
  return ordinalOf(dayOf(cal, to)) - ordinalOf(dayOf(cal, from));
}
