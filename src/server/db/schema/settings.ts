import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Key/value system settings (the first-start setup token, region name, …). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by'),
});
