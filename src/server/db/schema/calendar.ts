import { date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A year whose official schedule is loaded; asking about any other year is an error. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  note: text('note'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by'),
});

/** Dated exceptions to "Monday–Friday work": 法定节假日 (holiday) and 调休上班 (workday). */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  year: integer('year')
    .notNull()
    .references(() => calendarYears.year, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
});
