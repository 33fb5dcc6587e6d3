import { asc, eq, sql } from 'drizzle-orm';
import { allOn, type Executor } from '../../db/client.js';
import { calendarDays, calendarYears } from '../../db/schema/index.js';
import { buildCalendar, type CalendarData, type CalendarException } from '../../../domain/calendar.js';

export async function listYears(db: Executor) {
  return db
    .select({
      year: calendarYears.year,
      source: calendarYears.source,
      note: calendarYears.note,
      updatedAt: calendarYears.updatedAt,
      // Qualified by hand: drizzle renders a column inside sql`` unqualified, which in this subquery
      // would mean d.year (every year's days were counted for each year).
      holidays: sql<number>`(select count(*)::int from calendar_days d where d.year = calendar_years.year and d.kind = 'holiday')`,
      workdays: sql<number>`(select count(*)::int from calendar_days d where d.year = calendar_years.year and d.kind = 'workday')`,
    })
    .from(calendarYears)
    .orderBy(asc(calendarYears.year));
}

export async function findYear(db: Executor, year: number) {
  const [row] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
  return row;
}

export async function yearDays(db: Executor, year: number): Promise<CalendarException[]> {
  const rows = await db.select().from(calendarDays).where(eq(calendarDays.year, year)).orderBy(asc(calendarDays.day));
  return rows.map((r) => ({ date: r.day, kind: r.kind === 'workday' ? 'workday' : 'holiday', name: r.name }));
}

/** Replaces every exception of a year (inside the caller's transaction). */
export async function replaceYearDays(
  db: Executor,
  year: number,
  days: CalendarException[],
  meta: { source: string; note: string | null; at: Date; by: number | null },
): Promise<void> {
  await db
    .insert(calendarYears)
    .values({ year, source: meta.source, note: meta.note, updatedAt: meta.at, updatedBy: meta.by })
    .onConflictDoUpdate({
      target: calendarYears.year,
      set: { source: meta.source, note: meta.note, updatedAt: meta.at, updatedBy: meta.by },
    });
  await db.delete(calendarDays).where(eq(calendarDays.year, year));
  if (days.length)
    await db.insert(calendarDays).values(days.map((d) => ({ day: d.date, year, kind: d.kind, name: d.name.trim() })));
}

export async function deleteYear(db: Executor, year: number): Promise<void> {
  await db.delete(calendarYears).where(eq(calendarYears.year, year));
}

/** The whole working-day calendar read through `db` (inside a transaction: what it is about to commit). */
export async function loadCalendar(db: Executor): Promise<CalendarData> {
  const [years, days] = await allOn(db, [
    () => db.select({ year: calendarYears.year }).from(calendarYears),
    () => db.select().from(calendarDays),
  ]);
  return buildCalendar(
    years.map((y) => y.year),
    days.map((d) => ({ date: d.day, kind: d.kind === 'workday' ? 'workday' : 'holiday', name: d.name })),
  );
}
