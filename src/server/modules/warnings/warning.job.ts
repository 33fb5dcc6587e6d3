import type { Job } from '../../jobs/scheduler.js';
import { runDailyWarnings } from './warning.rules.js';

/** Once per China date from 01:00 China time, on one server (claimed in job_runs; see runDailyWarnings). */
export const dailyWarningsJob: Job = {
  name: 'daily-project-warnings',
  everyMs: 60 * 60_000,
  daily: { hour: 1 },
  async run(ctx) {
    const r = await runDailyWarnings(ctx);
    if (!r.skipped) ctx.log.info({ job: 'daily-project-warnings', projects: r.projects }, 'warnings recomputed');
  },
};
