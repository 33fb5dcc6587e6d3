/**
 * N app servers on one PostgreSQL with a streaming-replication standby (decision 028-replica).
 * Run through bench/replica.sh, which creates the standby cluster, runs this, and drops it again;
 * not part of `npm run bench` (it needs root to create a cluster and edits the primary's pg_hba.conf).
 *
 * For 1, 2 and 4 server processes (XIANFENG_JOBS=off, same database), each loaded by its own generator
 * (8 keep-alive connections in all, like a load balancer spreading them): GET /api/problems/stats
 * (a report) with DATABASE_REPLICA_URL set and, as the baseline in the same run, without it; req/s and
 * p50/p95 over all servers; how many transactions the replica served; and, while one connection writes
 * to the primary, the replica's lag from pg_stat_replication (replay_lag, bytes behind).
 *
 *   env: BENCH_PRIMARY_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_REPLICA_URL
 *        (…:5433/postgres), BENCH_REPLICA_APP (the standby's application_name), BENCH_PROBLEMS (20000),
 *        BENCH_SECONDS (5)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { migrateDatabase } from '../src/server/db/migrate.js';
import { seedCalendarOnce, syncRoles } from '../src/server/seed/base.js';
import { createRng } from './generate/rng.js';
import { generateOrgs } from './generate/orgs.js';
import { generateProblems } from './generate/problems.js';
import { SCALES, emptyRefs, type GeneratedRefs, type Scale } from './generate/types.js';
import { httpLoadSamples, summarise } from './load.js';

const PRIMARY = process.env.BENCH_PRIMARY_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REPLICA = process.env.BENCH_REPLICA_URL ?? 'postgres://postgres@127.0.0.1:5433/postgres';
const REPLICA_APP = process.env.BENCH_REPLICA_APP ?? '15/xfreplica';
const PROBLEMS = Number(process.env.BENCH_PROBLEMS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const KEY = 'd4'.repeat(32);
const CONNECTIONS = 8;

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function prepare(url: string): Promise<GeneratedRefs> {
  const database = await openDatabase({ kind: 'postgres', url });
  await migrateDatabase(database);
  const app = await buildApp({
    database,
    config: parseConfig({ NODE_ENV: 'test', XIANFENG_DEMO: 'false', XIANFENG_WEB_DIR: '/nonexistent' }),
    secretKeyHex: KEY,
  });
  await syncRoles(app.ctx);
  await seedCalendarOnce(app.ctx);
  const refs: GeneratedRefs = emptyRefs();
  const scale = { ...SCALES.district, problems: PROBLEMS } as unknown as Scale;
  const g = { ctx: app.ctx, scale, scaleName: 'district' as const, rng: createRng(7), refs, log: () => {} };
  await generateOrgs(g);
  await generateProblems(g);
  await database.db.execute('create table bench_writes (id bigserial primary key, payload text not null)');
  await app.close();
  await database.close();
  return refs;
}

async function startServer(port: number, dbUrl: string, replicaUrl: string | undefined, dataDir: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    XIANFENG_SECRET_KEY: KEY,
    XIANFENG_DEMO: 'false',
    XIANFENG_JOBS: 'off',
    XIANFENG_COOKIE_SECURE: 'false',
    XIANFENG_WEB_DIR: '/nonexistent',
    XIANFENG_DATA_DIR: dataDir,
    XIANFENG_BACKUP_DIR: join(dataDir, '..', `backups-${port}`),
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl,
    DATABASE_REPLICA_URL: replicaUrl ?? '',
  };
  const child = spawn('node_modules/.bin/tsx', ['src/server/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return child;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`server on ${port} exited ${child.exitCode}`);
    await sleep(100);
  }
  child.kill('SIGTERM');
  throw new Error(`server on ${port} did not start`);
}

async function stopAll(children: ChildProcess[]) {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
}

async function login(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Xianfeng@2026' }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const sid = /xf_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return `xf_sid=${sid}`;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : NaN;
};

async function run(): Promise<void> {
  // Every client listens for 'error': a backend terminated by someone else must not kill the run.
  const listen = (c: pg.Client) =>
    c.on('error', (e) => console.log(`  (connection lost: ${(e as { code?: string }).code})`));
  const admin = new pg.Client({ connectionString: PRIMARY });
  listen(admin);
  await admin.connect();
  const name = `xf_replica_bench_${randomBytes(3).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const dbUrl = withDb(PRIMARY, name);
  const replicaUrl = withDb(REPLICA, name);
  const work = mkdtempSync(join(tmpdir(), 'xf-replica-bench-'));
  const children: ChildProcess[] = [];
  try {
    let t0 = Date.now();
    const refs = await prepare(dbUrl);
    console.log(`generated ${PROBLEMS.toLocaleString('en')} problems in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    let replicaAdmin = new pg.Client({ connectionString: replicaUrl });
    listen(replicaAdmin);
    t0 = Date.now();
    for (let i = 0, connected = false; ; i++) {
      try {
        if (!connected) await replicaAdmin.connect();
        connected = true;
        const { rows } = await replicaAdmin.query<{ n: number }>('select count(*)::int as n from problems');
        if (rows[0]?.n === PROBLEMS) break;
      } catch (e) {
        if (i > 3000) throw e; // 5 min: a standby replaying other databases' WAL can be minutes behind
        if (!connected) listen((replicaAdmin = new pg.Client({ connectionString: replicaUrl })));
      }
      await sleep(100);
    }
    console.log(`replica caught up (problems visible there) after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const username = 'gen_zzb';
    const userId = refs.userIds[username];
    const db = new pg.Client({ connectionString: dbUrl });
    listen(db);
    await db.connect();
    const { rows: urow } = await db.query<{ username: string }>('select username from users where id = $1', [userId]);
    const user = urow[0]?.username as string;

    console.log(
      `\nGET /api/problems/stats (region 组织部, ${PROBLEMS.toLocaleString('en')} problems), ${CONNECTIONS} connections over the servers, ${SECONDS} s; one writer inserting 2 kB rows into the primary meanwhile`,
    );
    console.log(
      'servers | reads from        |   req/s |  p50 ms |  p95 ms | errors | replica xacts | lag: replay_lag median/max ms | bytes behind median/max',
    );
    const results: Record<string, number> = {};
    for (const n of [1, 2, 4]) {
      for (const mode of ['primary', 'replica'] as const) {
        const ports = Array.from({ length: n }, (_, i) => 3900 + i);
        const started = await Promise.all(
          ports.map((p) => startServer(p, dbUrl, mode === 'replica' ? replicaUrl : undefined, join(work, `d${p}`))),
        );
        children.push(...started);
        const cookie = await login(ports[0] as number, user);
        await sleep(2500); // the first lag check, and the login's read-your-writes window, are over
        const xacts = async () =>
          Number(
            (
              await replicaAdmin.query<{ n: string }>(
                'select xact_commit + xact_rollback as n from pg_stat_database where datname = $1',
                [name],
              )
            ).rows[0]?.n ?? 0,
          );
        const before = await xacts();
        // warm-up
        await Promise.all(
          ports.map((p) =>
            httpLoadSamples(`http://127.0.0.1:${p}/api/problems/stats`, {
              headers: { cookie },
              connections: 1,
              durationMs: 500,
            }),
          ),
        );
        let writing = true;
        const writer = (async () => {
          while (writing) await db.query("insert into bench_writes (payload) values (repeat('x', 2000))");
        })();
        const lagMs: number[] = [];
        const bytes: number[] = [];
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            const { rows } = await admin.query<{ ms: number | null; bytes: string | null }>(
              `select extract(epoch from replay_lag) * 1000 as ms,
                      pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint as bytes
                 from pg_stat_replication where application_name = $1`,
              [REPLICA_APP],
            );
            if (rows[0]) {
              lagMs.push(Number(rows[0].ms ?? 0));
              bytes.push(Number(rows[0].bytes ?? 0));
            }
            await sleep(200);
          }
        })();
        const per = Math.max(1, Math.floor(CONNECTIONS / n));
        const samples = await Promise.all(
          ports.map((p) =>
            httpLoadSamples(`http://127.0.0.1:${p}/api/problems/stats`, {
              headers: { cookie },
              connections: per,
              durationMs: SECONDS * 1000,
            }),
          ),
        );
        writing = false;
        sampling = false;
        await Promise.all([writer, sampler]);
        const served = (await xacts()) - before;
        const lat = samples.flatMap((s) => s.lat);
        const errors = samples.reduce((a, s) => a + s.errors, 0);
        const elapsed = Math.max(...samples.map((s) => s.elapsed));
        const r = summarise(lat, errors, elapsed);
        results[`${n}/${mode}`] = r.perSecond;
        console.log(
          `${String(n).padStart(7)} | ${(mode === 'replica' ? 'replica (5433)' : 'primary only').padEnd(17)} | ${r.perSecond.toFixed(0).padStart(7)} | ${r.p50.toFixed(1).padStart(7)} | ${r.p95.toFixed(1).padStart(7)} | ${String(errors).padStart(6)} | ${String(served).padStart(13)} | ${median(lagMs).toFixed(1)} / ${Math.max(0, ...lagMs).toFixed(1)} | ${median(bytes).toFixed(0)} / ${Math.max(0, ...bytes)}`,
        );
        await stopAll(started);
      }
    }
    console.log('\nratio replica ÷ primary only (same run):');
    for (const n of [1, 2, 4])
      console.log(`  ${n} server(s): ${((results[`${n}/replica`] ?? 0) / (results[`${n}/primary`] ?? 1)).toFixed(2)}×`);
    console.log(
      `  scaling 1 → 4 servers: primary only ${((results['4/primary'] ?? 0) / (results['1/primary'] ?? 1)).toFixed(2)}×, with the replica ${((results['4/replica'] ?? 0) / (results['1/replica'] ?? 1)).toFixed(2)}×`,
    );
    const { rows: w } = await db.query<{ n: number }>('select count(*)::int as n from bench_writes');
    console.log(`rows written to the primary during the runs: ${w[0]?.n}`);
    await db.end();
    await replicaAdmin.end();
  } finally {
    await stopAll(children);
    rmSync(work, { recursive: true, force: true });
    await sleep(500);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await run();
