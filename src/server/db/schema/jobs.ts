import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per run of a background job, keyed by the job and its time slot (a China date for daily
 * jobs, the interval's start for periodic ones). A process runs a slot only after claiming its row,
 * so N servers on one database run each slot once (decision 017).
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    /** running | finished | failed */
    status: text('status').notNull(),
    /** host:pid:random of the process that holds (or last held) the claim */
    owner: text('owner').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** a running claim whose lease has passed belongs to a process that died: the slot may be claimed again */
    leaseUntil: timestamp('lease_until', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(1),
    error: text('error'),
  },
  (t) => [
    primaryKey({ columns: [t.job, t.slot] }),
    index('job_runs_running_idx')
      .on(t.job)
      .where(sql`${t.status} = 'running'`),
    index('job_runs_started_idx').on(t.startedAt),
  ],
);
