import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * 任务中心: long imports and exports run as tasks (decision 031). A worker in any server claims a
 * queued row with FOR UPDATE SKIP LOCKED, reports rows done / total while it runs and beats its
 * heartbeat; the result (a stored file, or the import's row report) waits here for its owner.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    /** people.import | export */
    kind: text('kind').notNull(),
    ownerUserId: integer('owner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The owner's scope path when the task was created (the run re-reads the owner's current scope). */
    ownerScopePath: text('owner_scope_path').notNull(),
    /** queued | running | done | failed */
    status: text('status').notNull(),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    params: jsonb('params').notNull(),
    /** Stored result file (files/storage.ts key), when the task makes one. */
    resultFileKey: text('result_file_key'),
    resultFileName: text('result_file_name'),
    /** A JSON result (the import's row report). */
    result: jsonb('result'),
    /** Why it failed, in Chinese and English. */
    errorZh: text('error_zh'),
    errorEn: text('error_en'),
    /** host:pid:random of the process running it */
    worker: text('worker'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  },
  (t) => [
    index('tasks_owner_idx').on(t.ownerUserId, t.id),
    index('tasks_queued_idx')
      .on(t.id)
      .where(sql`${t.status} = 'queued'`),
    index('tasks_running_idx')
      .on(t.heartbeatAt)
      .where(sql`${t.status} = 'running'`),
  ],
);
