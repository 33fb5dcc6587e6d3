import type { AppContext } from '../context.js';
import { chinaDate } from '../../domain/dates.js';

/**
 * A background job. Periodic by default: one run per `everyMs` interval (slot = the interval's
 * start). With `daily`, one run per China date, from `daily.hour` (China time) on; the process then
 * checks every `everyMs` (at most every 15 minutes) whether today's run is still owed.
 * Every run is claimed in `job_runs` first, so N servers on one database run each slot once.
 */
export interface Job {
  name: string;
  everyMs: number;
  /** Once per China date, not before this hour (0–23, China time). */
  daily?: { hour: number };
  /** How long a claim lasts without a heartbeat before another process may take the slot over (default 10 min). */
  leaseMs?: number;
  run(ctx: AppContext): Promise<void>;
}

/** Daily jobs are looked at this often at most, so a late start still runs today's slot soon after its hour. */
export const DAILY_CHECK_MS = 15 * 60_000;

/** How often this process looks at the job. */
export function checkEveryMs(job: Job): number {
  return job.daily ? Math.min(job.everyMs, DAILY_CHECK_MS) : job.everyMs;
}

/** China time is UTC+8 all year (no daylight saving). */
function chinaHour(now: Date): number {
  return (now.getUTCHours() + 8) % 24;
}

/**
 * The slot a run at `now` belongs to, or null when nothing is owed yet (a daily job before its hour).
 * Daily: the China date ("2026-11-23"). Periodic: the start of the interval as an ISO instant.
 */
export function slotOf(job: Job, now: Date): string | null {
  if (job.daily) return chinaHour(now) >= job.daily.hour ? chinaDate(now) : null;
  const start = Math.floor(now.getTime() / job.everyMs) * job.everyMs;
  return new Date(start).toISOString();
}
