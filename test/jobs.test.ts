import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, jobRuns } from '../src/server/db/schema/index.js';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { createAppContext, type AppContext } from '../src/server/context.js';
import { createJobRunner, type JobRunner } from '../src/server/jobs/job-runner.js';
import { dbClaimStore } from '../src/server/jobs/job-claims.js';
import { JOBS } from '../src/server/jobs/index.js';
import type { Job } from '../src/server/jobs/job.js';
import { createTestApp, TEST_KEY, type TestApp } from './test-app.js';
import { FakeClock } from './fake-clock.js';

let t: TestApp;
/** The second server: its own connection pool on PostgreSQL (the same PGlite instance in embedded mode). */
let second: Database | undefined;
let ctxB: AppContext;
const clockB = new FakeClock();

beforeAll(async () => {
  t = await createTestApp();
  if (t.db.url) second = await openDatabase({ kind: 'postgres', url: t.db.url, poolSize: 5 });
  ctxB = createAppContext({
    database: second ?? t.db.database,
    config: t.ctx.config,
    secretKeyHex: TEST_KEY,
    log: t.ctx.log,
    clock: clockB,
  });
}, 120_000);
afterAll(async () => {
  await second?.close();
  await t?.close();
});

const setBoth = (at: string) => {
  t.clock.set(at);
  clockB.set(at);
};

function deferred() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

async function runOf(job: string, slot: string) {
  const [row] = await t.ctx.db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slot)));
  return row;
}

describe('jobs run once across servers', () => {
  it('two servers on one database, started together again and again, run each daily job exactly once a China date', async () => {
    const runsA = createJobRunner(t.ctx, { owner: 'server-a' });
    const runsB = createJobRunner(ctxB, { owner: 'server-b' });
    const daily = JOBS.filter((j) => j.daily);
    expect(daily.map((j) => j.name).sort()).toEqual(
      [
        'audit-anchor',
        'coverage-proposals',
        'daily-project-warnings',
        'people-pipeline-reminders',
        'purge-job-runs',
      ].sort(),
    );
    const counted = new Map<string, number>();
    const wrapped: Job[] = daily.map((j) => ({
      ...j,
      run: async (ctx) => {
        const key = `${j.name}@${ctx.clock.now().toISOString().slice(0, 10)}`;
        counted.set(key, (counted.get(key) ?? 0) + 1);
        await j.run(ctx);
      },
    }));
    const days = ['2026-11-23', '2026-11-24', '2026-11-25'];
    for (const day of days) {
      // 23:00 China time: every daily job's hour has come
      setBoth(`${day}T15:00:00Z`);
      for (let round = 0; round < 3; round++) {
        const outcomes = await Promise.all(
          wrapped.flatMap((j) => [runsA.runOnce(j), runsB.runOnce(j), runsB.runOnce(j), runsA.runOnce(j)]),
        );
        expect(outcomes.filter((o) => o === 'finished')).toHaveLength(round === 0 ? wrapped.length : 0);
        expect(outcomes.filter((o) => o === 'failed')).toEqual([]);
      }
    }
    expect([...counted.entries()].sort()).toEqual(
      days.flatMap((d) => daily.map((j) => [`${j.name}@${d}`, 1] as [string, number])).sort(),
    );
    const rows = await t.ctx.db
      .select({ job: jobRuns.job, slot: jobRuns.slot, status: jobRuns.status, attempts: jobRuns.attempts })
      .from(jobRuns);
    expect(rows).toHaveLength(days.length * daily.length);
    for (const r of rows) expect(r).toMatchObject({ status: 'finished', attempts: 1 });
    // the daily warnings' own trace: one recomputation a day
    const recomputed = await t.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'warning_rules'), eq(auditLog.action, 'recompute')));
    expect(recomputed[0]!.n).toBe(days.length);
  });

  it('a run in progress is neither started again here (overlap) nor there (running), nor its next slot (busy)', async () => {
    setBoth('2026-12-01T02:00:00Z');
    const a = createJobRunner(t.ctx, { owner: 'server-a' });
    const b = createJobRunner(ctxB, { owner: 'server-b' });
    const gate = deferred();
    const entered = deferred();
    let started = 0;
    const job: Job = {
      name: 'test-slow-periodic',
      everyMs: 10 * 60_000,
      leaseMs: 60 * 60_000,
      run: async () => {
        started++;
        entered.release();
        await gate.done;
      },
    };
    const first = a.runOnce(job);
    await entered.done; // the claim is written and the run has begun
    expect(started).toBe(1);
    expect(await a.runOnce(job)).toBe('overlap');
    expect(await b.runOnce(job)).toBe('running');
    setBoth('2026-12-01T02:10:00Z'); // the next slot: still refused while the earlier run holds its lease
    expect(await b.runOnce(job)).toBe('busy');
    gate.release();
    expect(await first).toBe('finished');
    expect(await b.runOnce(job)).toBe('finished');
    expect(started).toBe(2);
    expect(await runOf(job.name, '2026-12-01T02:00:00.000Z')).toMatchObject({ status: 'finished', owner: 'server-a' });
    expect(await runOf(job.name, '2026-12-01T02:10:00.000Z')).toMatchObject({ status: 'finished', owner: 'server-b' });
  });

  it('survives a restart: a slot claimed by a process that died is taken over after its lease; a failed run is retried', async () => {
    setBoth('2026-12-02T02:00:00Z');
    let runs = 0;
    const job: Job = { name: 'test-daily', everyMs: 3_600_000, daily: { hour: 1 }, run: async () => void runs++ };
    // server A claims today's slot and dies before finishing
    const dead = await dbClaimStore(t.ctx.db).claim({
      job: job.name,
      slot: '2026-12-02',
      owner: 'server-a-dead',
      now: t.clock.now(),
      leaseMs: 10 * 60_000,
    });
    expect(dead).toEqual({ claimed: true, attempt: 1 });
    const b = createJobRunner(ctxB, { owner: 'server-b' });
    expect(await b.runOnce(job)).toBe('running');
    clockB.set('2026-12-02T02:10:00Z'); // the lease has passed
    expect(await b.runOnce(job)).toBe('finished');
    expect(runs).toBe(1);
    expect(await runOf(job.name, '2026-12-02')).toMatchObject({ status: 'finished', owner: 'server-b', attempts: 2 });

    let fail = true;
    const flaky: Job = {
      name: 'test-flaky',
      everyMs: 3_600_000,
      daily: { hour: 1 },
      run: async () => {
        if (fail) throw Object.assign(new Error('出错了 once'), { code: 'E_TEST' });
      },
    };
    expect(await b.runOnce(flaky)).toBe('failed');
    expect(await runOf(flaky.name, '2026-12-02')).toMatchObject({
      status: 'failed',
      error: 'Error [E_TEST]: 出错了 once',
    });
    fail = false;
    const a = createJobRunner(t.ctx, { owner: 'server-a' });
    expect(await a.runOnce(flaky)).toBe('finished');
    expect(await a.runOnce(flaky)).toBe('done');
    expect(await runOf(flaky.name, '2026-12-02')).toMatchObject({ status: 'finished', attempts: 2, error: null });
  });

  it('a daily job before its hour owes nothing (no row written)', async () => {
    setBoth('2026-12-03T16:30:00Z'); // 00:30 on the 4th in China
    const job: Job = { name: 'test-early', everyMs: 3_600_000, daily: { hour: 1 }, run: async () => undefined };
    const a: JobRunner = createJobRunner(t.ctx);
    expect(await a.runOnce(job)).toBe('not-due');
    expect(await runOf(job.name, '2026-12-04')).toBeUndefined();
  });
});
