import type { CalendarData } from './calendar.js';
import { daysBetween, dayOfWeek, type IsoDate } from './dates.js';

/**
 * Working days after `from` up to and including `to` — the same answer as workingDaysElapsed in
 * calendar.ts, computed arithmetically: weekdays by whole weeks, then each dated exception (holiday on
 * a weekday, 调休 weekend made working) in the range. Lateness of a node a year overdue, asked for
 * every node of every project on every page and in the daily run, costs a few dozen steps, not 365.
 * A year not loaded counts weekends only, exactly like the day loop (the result is then provisional).
 */
export function workingDaysAfter(cal: CalendarData, from: IsoDate, to: IsoDate): number {
  if (to <= from) return to === from ? 0 : -workingDaysAfter(cal, to, from);
  const days = daysBetween(from, to);
  let count = Math.floor(days / 7) * 5;
  const start = dayOfWeek(from);
  for (let k = 1; k <= days % 7; k++) {
    const dow = (start + k) % 7;
    if (dow !== 0 && dow !== 6) count++;
  }
  for (const d of cal.holidays.keys()) if (d > from && d <= to && !isWeekend(d)) count--;
  for (const d of cal.workdays.keys()) if (d > from && d <= to && isWeekend(d)) count++;
  return count;
}

function isWeekend(d: IsoDate): boolean {
  const dow = dayOfWeek(d);
  return dow === 0 || dow === 6;
}
