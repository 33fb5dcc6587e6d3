import type { Job } from '../../jobs/scheduler.js';
import { runDailyWarnings } from './warning.rules.js';

/** Checked hourly; recomputes once per China date (see runDailyWarnings). */
export const dailyWarningsJob: Job = {
  name: 'daily-project-warnings',
  everyMs: 60 * 60_000,
  async run(ctx) {
    const r = await runDailyWarnings(ctx);
    if (!r.skipped) ctx.log.info({ job: 'daily-project-warnings', projects: r.projects }, 'warnings recomputed');
  },
};
