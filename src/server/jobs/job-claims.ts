import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema/index.js';

/** Why a slot was not claimed: already finished, held by a live claim, or another slot of the job still runs. */
export type ClaimRefusal = 'done' | 'running' | 'busy';
export type ClaimResult = { claimed: true; attempt: number } | { claimed: false; why: ClaimRefusal };

export interface ClaimRequest {
  job: string;
  slot: string;
  owner: string;
  now: Date;
  leaseMs: number;
}

/** Where runs are claimed and recorded; the database in production, a map in the scheduler's timer test. */
export interface ClaimStore {
  claim(r: ClaimRequest): Promise<ClaimResult>;
  /** Extends a running claim's lease; false when the claim is no longer ours. */
  heartbeat(r: ClaimRequest): Promise<boolean>;
  /** Records the end of our run: finished, or failed with the error's text. */
  finish(r: Omit<ClaimRequest, 'leaseMs'>, error: string | null): Promise<boolean>;
}

/** Advisory-lock class for job claims (the second key is hashtext(job name)). */
const JOB_CLAIM_LOCK = 7_305_2070;

/**
 * Claims in `job_runs`. One short transaction: a transaction-scoped advisory lock per job name
 * (serialises claimers of one job on PostgreSQL; PGlite runs one transaction at a time anyway),
 * a check that no other slot of the job runs under a live lease, then INSERT … ON CONFLICT DO UPDATE
 * that takes the row over only when the earlier claim failed or its lease has passed.
 */
export function dbClaimStore(db: Db): ClaimStore {
  return {
    claim: (r) =>
      db.transaction(async (tx): Promise<ClaimResult> => {
        await tx.execute(sql`select pg_advisory_xact_lock(${JOB_CLAIM_LOCK}, hashtext(${r.job}))`);
        const [other] = await tx
          .select({ slot: jobRuns.slot })
          .from(jobRuns)
          .where(
            and(
              eq(jobRuns.job, r.job),
              eq(jobRuns.status, 'running'),
              gt(jobRuns.leaseUntil, r.now),
              ne(jobRuns.slot, r.slot),
            ),
          )
          .limit(1);
        if (other) return { claimed: false, why: 'busy' };
        const leaseUntil = new Date(r.now.getTime() + r.leaseMs);
        const nowSql = sql`${r.now.toISOString()}::timestamptz`;
        const [won] = await tx
          .insert(jobRuns)
          .values({ job: r.job, slot: r.slot, status: 'running', owner: r.owner, startedAt: r.now, leaseUntil })
          .onConflictDoUpdate({
            target: [jobRuns.job, jobRuns.slot],
            set: {
              status: 'running',
              owner: r.owner,
              startedAt: r.now,
              leaseUntil,
              finishedAt: null,
              error: null,
              attempts: sql`${jobRuns.attempts} + 1`,
            },
            setWhere: sql`${jobRuns.status} = 'failed' or (${jobRuns.status} = 'running' and ${jobRuns.leaseUntil} <= ${nowSql})`,
          })
          .returning({ attempts: jobRuns.attempts });
        if (won) return { claimed: true, attempt: won.attempts };
        const [row] = await tx
          .select({ status: jobRuns.status })
          .from(jobRuns)
          .where(and(eq(jobRuns.job, r.job), eq(jobRuns.slot, r.slot)));
        return { claimed: false, why: row?.status === 'finished' ? 'done' : 'running' };
      }),
    async heartbeat(r) {
      const rows = await db
        .update(jobRuns)
        .set({ leaseUntil: new Date(r.now.getTime() + r.leaseMs) })
        .where(mine(r))
        .returning({ slot: jobRuns.slot });
      return rows.length > 0;
    },
    async finish(r, error) {
      const rows = await db
        .update(jobRuns)
        .set({ status: error === null ? 'finished' : 'failed', finishedAt: r.now, error })
        .where(mine(r))
        .returning({ slot: jobRuns.slot });
      return rows.length > 0;
    },
  };
}

const mine = (r: { job: string; slot: string; owner: string }) =>
  and(eq(jobRuns.job, r.job), eq(jobRuns.slot, r.slot), eq(jobRuns.owner, r.owner), eq(jobRuns.status, 'running'));

/** Forgets finished and failed runs that started before `before` (a running claim is kept). */
export async function pruneJobRuns(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(jobRuns)
    .where(and(ne(jobRuns.status, 'running'), lt(jobRuns.startedAt, before)))
    .returning({ job: jobRuns.job });
  return rows.length;
}
