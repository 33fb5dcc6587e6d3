import { lt, or } from 'drizzle-orm';
import { sessions } from '../db/schema/index.js';
import type { Job } from './scheduler.js';
import { problemJobs } from '../modules/problems/index.js';
import { dailyWarningsJob } from '../modules/warnings/index.js';
import { peopleJobs } from '../modules/people/index.js';
import { auditAnchorJob } from '../audit/audit.anchor.job.js';
import { pruneJobRuns } from './job-claims.js';
import { coverageProposalsJob } from '../modules/orgs/index.js';
import { nightlyBackupJob } from '../backup/backup.job.js';

const purgeSessions: Job = {
  name: 'purge-expired-sessions',
  everyMs: 60 * 60_000,
  async run(ctx) {
    const now = ctx.clock.now().getTime();
    await ctx.db
      .delete(sessions)
      .where(
        or(
          lt(sessions.lastSeenAt, new Date(now - ctx.config.sessionIdleMinutes * 60_000)),
          lt(sessions.createdAt, new Date(now - ctx.config.sessionMaxHours * 3_600_000)),
        ),
      );
  },
};

/** Finished and failed runs are kept 7 days (what ran when, and why a run failed), then forgotten. */
const purgeJobRuns: Job = {
  name: 'purge-job-runs',
  everyMs: 60 * 60_000,
  daily: { hour: 3 },
  async run(ctx) {
    await pruneJobRuns(ctx.db, new Date(ctx.clock.now().getTime() - 7 * 24 * 3_600_000));
  },
};

/** Background jobs; modules add theirs (daily warning recomputation, SLA reminders). */
export const JOBS: Job[] = [purgeSessions, dailyWarningsJob, ...problemJobs];
JOBS.push(...peopleJobs);
JOBS.push(auditAnchorJob, purgeJobRuns, coverageProposalsJob);
JOBS.push(nightlyBackupJob);
