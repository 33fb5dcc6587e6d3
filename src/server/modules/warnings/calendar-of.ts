import { buildCalendar, type CalendarData } from '../../../domain/calendar.js';
import type { Executor } from '../../db/client.js';
import { calendarDays, calendarYears } from '../../db/schema/index.js';

/**
 * The working-day calendar read through a given executor — for work that already runs inside a
 * transaction (the demo seeder, generators), where ctx.calendar (which reads through ctx.db) must not be used.
 */
export async function calendarWith(db: Executor): Promise<CalendarData> {
  const [years, days] = await Promise.all([
    db.select({ year: calendarYears.year }).from(calendarYears),
    db.select().from(calendarDays),
  ]);
  return buildCalendar(
    years.map((y) => y.year),
    days.map((d) => ({ date: d.day, kind: d.kind === 'workday' ? 'workday' : 'holiday', name: d.name })),
  );
}
