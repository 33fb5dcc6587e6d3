import { bigint, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * One row per backup run (nightly job, 立即备份 in the UI, `npm run backup`), ok or failed, so a
 * failure is reported and never silently skipped. `slot` claims the nightly run ("nightly:2026-12-07",
 * China date) so N servers make one backup a night; manual runs leave it null.
 */
export const backupRuns = pgTable(
  'backup_runs',
  {
    id: serial('id').primaryKey(),
    slot: text('slot'),
    trigger: text('trigger').notNull(),
    startedBy: integer('started_by'),
    startedByName: text('started_by_name').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** running | ok | failed */
    status: text('status').notNull(),
    dbKind: text('db_kind').notNull(),
    fileName: text('file_name'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    sha256: text('sha256'),
    error: text('error'),
    manifest: jsonb('manifest'),
    /** When retention deleted the file. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('backup_runs_slot_idx').on(t.slot), index('backup_runs_started_idx').on(t.startedAt)],
);
