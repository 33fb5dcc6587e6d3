import type { Job } from '../../jobs/scheduler.js';
import { SYSTEM_ACTOR } from '../../actor.js';
import { recomputeProposals } from './coverage.proposals.js';

/** The region's joint-branch proposals recomputed nightly (02:00 China time), so the stored list stays current without a GET writing. */
export const coverageProposalsJob: Job = {
  name: 'coverage-proposals',
  everyMs: 60 * 60_000,
  daily: { hour: 2 },
  async run(ctx) {
    const r = await recomputeProposals(ctx, '/', SYSTEM_ACTOR);
    ctx.log.info({ job: 'coverage-proposals', ...r }, 'coverage proposals recomputed');
  },
};
