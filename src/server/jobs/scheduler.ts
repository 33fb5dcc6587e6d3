import type { AppContext } from '../context.js';
import type { ClaimStore } from './job-claims.js';
import { checkEveryMs, type Job } from './job.js';
import { createJobRunner } from './job-runner.js';

export type { Job } from './job.js';

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Looks at every job shortly after start and then every checkEveryMs(job); each look runs the job
 * only if its current slot can be claimed (job-runner.ts). With XIANFENG_JOBS=off nothing is started.
 */
export function startScheduler(ctx: AppContext, jobs: Job[], opts: { store?: ClaimStore } = {}): Scheduler {
  if (!ctx.config.jobs) {
    ctx.log.info('background jobs off in this process (XIANFENG_JOBS=off)');
    return { stop: async () => undefined };
  }
  const runner = createJobRunner(ctx, opts);
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  const look = (job: Job) => {
    if (stopped) return;
    const p = runner.runOnce(job).finally(() => running.delete(p));
    running.add(p);
  };
  for (const job of jobs) {
    timers.push(setTimeout(() => look(job), 5_000).unref());
    timers.push(setInterval(() => look(job), checkEveryMs(job)).unref());
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(running);
    },
  };
}
