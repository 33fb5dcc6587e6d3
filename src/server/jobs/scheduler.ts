import type { AppContext } from '../context.js';
import { connectionErrorCode, isDatabaseUnavailable } from '../db/availability.js';

/** A periodic job: run once shortly after start, then every `everyMs`. Errors are logged, never thrown. */
export interface Job {
  name: string;
  everyMs: number;
  run(ctx: AppContext): Promise<void>;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(ctx: AppContext, jobs: Job[]): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  const runOnce = (job: Job) => {
    if (stopped) return;
    // A database that is away fails this run only; the next tick tries again on a fresh connection.
    const p = Promise.resolve()
      .then(() => job.run(ctx))
      .catch((err: unknown) =>
        isDatabaseUnavailable(err)
          ? ctx.log.warn({ job: job.name, code: connectionErrorCode(err) }, 'job skipped: database unavailable')
          : ctx.log.error({ err, job: job.name }, 'job failed'),
      )
      .finally(() => running.delete(p));
    running.add(p);
  };
  for (const job of jobs) {
    timers.push(setTimeout(() => runOnce(job), 5_000).unref());
    timers.push(setInterval(() => runOnce(job), job.everyMs).unref());
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(running);
    },
  };
}
