/**
 * The working-day calendar read through a given executor — for work that already runs inside a
 * transaction (the demo seeder, generators), where ctx.calendar (which reads through ctx.db) must not be used.
 * One reader: the calendar module's.
 */
export { loadCalendar as calendarWith } from '../calendar/index.js';
