import { buildCalendar, type CalendarData } from '../../../domain/calendar.js';
import type { Db } from '../../db/client.js';
import { calendarDays, calendarYears } from '../../db/schema/index.js';

/**
 * The working-day table held in memory for the pure calendar functions. Reloaded after a change
 * in this process and at most a minute later for changes made by another server on the same database.
 */
export interface CalendarStore {
  get(): Promise<CalendarData>;
  invalidate(): void;
}

export function createCalendarStore(db: Db, now: () => number = Date.now, ttlMs = 60_000): CalendarStore {
  let cached: { data: CalendarData; loadedAt: number } | undefined;
  let loading: Promise<CalendarData> | undefined;
  const load = async (): Promise<CalendarData> => {
    const [years, days] = await Promise.all([
      db.select({ year: calendarYears.year }).from(calendarYears),
      db.select().from(calendarDays),
    ]);
    const data = buildCalendar(
      years.map((y) => y.year),
      days.map((d) => ({ date: d.day, kind: d.kind === 'workday' ? 'workday' : 'holiday', name: d.name })),
    );
    cached = { data, loadedAt: now() };
    return data;
  };
  return {
    async get() {
      if (cached && now() - cached.loadedAt < ttlMs) return cached.data;
      loading ??= load().finally(() => {
        loading = undefined;
      });
      return loading;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
