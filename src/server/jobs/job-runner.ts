import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context.js';
import { connectionErrorCode, isDatabaseUnavailable } from '../db/availability.js';
import { dbClaimStore, type ClaimRefusal, type ClaimStore } from './job-claims.js';
import { slotOf, type Job } from './job.js';

/** A claim lasts this long without a heartbeat (a process that died mid-run frees its slot after it). */
export const DEFAULT_LEASE_MS = 10 * 60_000;

/**
 * What one attempt did: ran the job (finished / failed), found nothing owed yet (not-due), found the
 * slot taken (done / running / busy, see ClaimRefusal), found this process already running the job
 * (overlap), or could not reach the database (unavailable).
 */
export type RunOutcome = 'finished' | 'failed' | 'not-due' | 'overlap' | 'unavailable' | ClaimRefusal;

export interface JobRunner {
  /** host:pid:random, written into the claims this runner holds. */
  owner: string;
  runOnce(job: Job): Promise<RunOutcome>;
}

/** Error text kept with a failed run: class, code and message, cut at 2000 characters. */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 2000);
  const code = (err as { code?: unknown }).code;
  return `${err.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${err.message}`.slice(0, 2000);
}

/**
 * Runs jobs claim-first: an in-process guard (a job never overlaps itself here), then a claim of the
 * job's current slot in the database (nor on another server), a heartbeat that extends the lease
 * while the job runs, and the outcome recorded (finished, or failed with its error text; a failed
 * slot is tried again at the next check). Never throws.
 */
export function createJobRunner(ctx: AppContext, opts: { owner?: string; store?: ClaimStore } = {}): JobRunner {
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const store = opts.store ?? dbClaimStore(ctx.db);
  const inFlight = new Set<string>();

  const logFailure = (job: Job, err: unknown) =>
    isDatabaseUnavailable(err)
      ? ctx.log.warn({ job: job.name, code: connectionErrorCode(err) }, 'job skipped: database unavailable')
      : ctx.log.error({ err, job: job.name }, 'job failed');

  async function attempt(job: Job): Promise<RunOutcome> {
    const slot = slotOf(job, ctx.clock.now());
    if (!slot) return 'not-due';
    const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS;
    const request = () => ({ job: job.name, slot, owner, now: ctx.clock.now(), leaseMs });
    let claim;
    try {
      claim = await store.claim(request());
    } catch (err) {
      logFailure(job, err);
      return isDatabaseUnavailable(err) ? 'unavailable' : 'failed';
    }
    if (!claim.claimed) return claim.why;
    const beat = setInterval(() => {
      store.heartbeat(request()).catch(() => undefined);
    }, leaseMs / 3).unref();
    let error: string | null = null;
    try {
      await job.run(ctx);
    } catch (err) {
      logFailure(job, err);
      error = errorText(err);
    } finally {
      clearInterval(beat);
    }
    // If the database is away now, the claim stays 'running' until its lease passes; then the slot is retried.
    await store.finish(request(), error).catch((err: unknown) => logFailure(job, err));
    return error === null ? 'finished' : 'failed';
  }

  return {
    owner,
    async runOnce(job) {
      if (inFlight.has(job.name)) return 'overlap';
      inFlight.add(job.name);
      try {
        return await attempt(job);
      } finally {
        inFlight.delete(job.name);
      }
    },
  };
}
