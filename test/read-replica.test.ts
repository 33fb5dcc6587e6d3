import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type Db, type ReplicaDatabase } from '../src/server/db/client.js';
import { createReadRouter } from '../src/server/db/replica.js';
import { reportCtx } from '../src/server/http/read-routing.js';
import { withDatabase } from './global-setup.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildProblemWorld, LONG_SESSIONS, ok, raiseAndDispatch, type ProblemWorld } from './problem-factories.js';

/**
 * Decision 028-replica. The "replica" here is a frozen copy of the test database taken mid-test (a
 * replica infinitely behind): what a report returns shows which database answered it. PGlite: a
 * dump loaded into a second PGlite; PostgreSQL: a database created from this one as its template.
 */
async function snapshot(t: TestApp): Promise<{ database: Database; drop(): Promise<void> }> {
  if (t.db.database.kind === 'pglite') {
    const database = await openDatabase({
      kind: 'pglite-memory',
      loadDataDir: await t.db.database.pglite!.dumpDataDir('none'),
    });
    return { database, drop: () => database.close() };
  }
  const adminUrl = inject('pgAdminUrl');
  const source = new URL(t.db.url!).pathname.slice(1);
  const name = `${source}_replica_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    // A template must have no other session: the app's pooled connections are closed (the pool reconnects).
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [source]);
    try {
      await admin.query(`create database ${name} template ${source}`);
      break;
    } catch (e) {
      if (attempt >= 40 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: withDatabase(adminUrl, name), poolSize: 2 });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await new Promise((r) => setTimeout(r, 100));
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

interface Stats {
  overall: { total: number };
}
const total = async (agent: ProblemWorld['as']['zzb']) =>
  (await ok<Stats>(agent.get('/api/problems/stats'))).overall.total;

describe('report reads go to the replica; a session that just wrote reads the primary', () => {
  let t: TestApp;
  let w: ProblemWorld;
  let frozen: Awaited<ReturnType<typeof snapshot>>;
  let lagSeconds = 2;
  let replicaDown = false;
  const replica: ReplicaDatabase = { db: undefined as unknown as Db, close: async () => {} };

  beforeAll(async () => {
    t = await createTestApp(LONG_SESSIONS, {
      reads: (database) =>
        createReadRouter({
          primary: database.db,
          replica,
          maxLagSeconds: 30,
          measureLag: async () => {
            if (replicaDown) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
            return lagSeconds;
          },
        }),
    });
    w = await buildProblemWorld(t);
    await raiseAndDispatch(w);
    await raiseAndDispatch(w);
    frozen = await snapshot(t); // the replica stops here: 2 problems
    replica.db = frozen.database.db;
    await t.ctx.reads.refresh();
    // zzb writes once more on the primary: 3 problems there
    t.clock.advanceMinutes(10);
    await raiseAndDispatch(w);
  });
  afterAll(async () => {
    await t?.close();
    await frozen?.drop();
  });

  it('a user who has not just written (the leader) reads the statistics from the replica', async () => {
    expect(t.ctx.reads.status()).toMatchObject({ configured: true, healthy: true, lagSeconds: 2 });
    expect(await total(w.as.leader)).toBe(2);
  });

  it('the user who just wrote (zzb dispatched) reads the primary for 5 s + the lag, then the replica', async () => {
    expect(w.as.zzb.otherCookies.get('xf_rw')).toBe(String(t.clock.now().getTime()));
    expect(await total(w.as.zzb)).toBe(3);
    t.clock.set(new Date(t.clock.now().getTime() + 6_000)); // 6 s < 5 s + 2 s lag
    expect(await total(w.as.zzb)).toBe(3);
    t.clock.set(new Date(t.clock.now().getTime() + 1_000)); // 7 s: the window is over
    expect(await total(w.as.zzb)).toBe(2);
    expect(await total(w.as.leader)).toBe(2);
  });

  it('a replica further behind than XIANFENG_REPLICA_MAX_LAG_SECONDS, or unreachable, is skipped', async () => {
    lagSeconds = 31;
    await t.ctx.reads.refresh();
    expect(t.ctx.reads.status().healthy).toBe(false);
    expect(await total(w.as.leader)).toBe(3);
    lagSeconds = 2;
    replicaDown = true;
    await t.ctx.reads.refresh();
    expect(t.ctx.reads.status()).toMatchObject({ healthy: false, error: 'ECONNREFUSED' });
    expect(await total(w.as.leader)).toBe(3);
    replicaDown = false;
    await t.ctx.reads.refresh();
    expect(await total(w.as.leader)).toBe(2);
  });

  it('the board, coverage and home answer from the replica; the ledger itself always reads the primary', async () => {
    for (const url of ['/api/projects/board', '/api/coverage', '/api/home']) {
      expect((await w.as.leader.get(url)).statusCode, url).toBe(200);
    }
    // Home's "to sign" count of department A: 2 dispatched on the replica, 3 on the primary.
    const toSign = async () =>
      (await ok<{ items: Array<{ key: string; count?: number }> }>(w.as.a.get('/api/home'))).items.find(
        (i) => i.key === 'problems-to-sign',
      )?.count;
    expect(await toSign()).toBe(2);
    lagSeconds = 31; // replica skipped: the primary answers
    await t.ctx.reads.refresh();
    expect(await toSign()).toBe(3);
    lagSeconds = 2;
    await t.ctx.reads.refresh();
    // The ledger is not a report: it always reads the primary.
    expect((await ok<{ total: number }>(w.as.leader.get('/api/problems'))).total).toBe(3);
  });
});

describe('without a replica (PGlite, or no DATABASE_REPLICA_URL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('readDb is the primary and no read-your-writes cookie is set', async () => {
    expect(t.ctx.reads.configured).toBe(false);
    expect(t.ctx.readDb).toBe(t.ctx.db);
    const req = { cookies: {} } as Parameters<typeof reportCtx>[1];
    expect(reportCtx(t.ctx, req).readDb).toBe(t.ctx.db);
    const res = await t.anonymous().post('/api/auth/login', { username: 'nobody', password: 'x' });
    expect(res.cookies.find((c) => c.name === 'xf_rw')).toBeUndefined();
  });
});
