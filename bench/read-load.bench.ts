import { pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/client.js';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { findSessionUser } from '../src/server/modules/auth/session.repository.js';
import type { PGlite } from '@electric-sql/pglite';
import { hashSessionToken } from '../src/server/http/authenticate.js';
import { benchPglite, benchPostgres, type BenchDatabase } from './db.js';
import { benchApp, loginCookie } from './app.js';
import { callLoad, httpLoad, type LoadResult } from './load.js';

/**
 * Issue 10 goal 1: the authenticated single-row reads GET /api/orgs/:id and GET /api/projects/:id over
 * HTTP with 10 keep-alive connections (bench/load.ts), against the BASELINE: a bare Fastify route running
 * the same SELECT (for a project: its row) over the same pool. Extra lines: bare Fastify without a
 * database, and the SELECT on the driver with 10 concurrent callers. "before" is the same code built with
 * `sessionCache: false` (the session read from the database on every request, decision 019); "after" is
 * the application as built (decision 022). CPU µs/req = process.cpuUsage over the load / requests (the
 * load generator's worker thread included, the same for both); queries/req counted on PGlite. Rounds are
 * interleaved; the median round is printed. Compare ratios, not absolute figures across runs.
 *   npx tsx bench/read-load.bench.ts        (or npm run bench -- read-load)
 */
const COMMAND = 'npx tsx bench/read-load.bench.ts';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_SECONDS ?? 2) * 1000;

function medianBy(rs: LoadResult[]): LoadResult {
  return [...rs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(rs.length / 2)] as LoadResult;
}

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

/** Statements sent per request (PGlite: every call reaches `query`/`exec`), over `n` sequential injects. */
async function queriesPerRequest(app: FastifyInstance, pglite: PGlite, url: string, cookie: string, n = 40) {
  const inst = pglite as unknown as Record<'query' | 'exec', (...a: unknown[]) => Promise<unknown>>;
  const orig = { query: inst.query, exec: inst.exec };
  let count = 0;
  for (const k of ['query', 'exec'] as const)
    inst[k] = function (this: unknown, ...a: unknown[]) {
      count++;
      return orig[k].apply(this, a);
    };
  try {
    await app.inject({ method: 'GET', url, headers: { cookie } }); // warm (first read stores the session)
    count = 0;
    for (let i = 0; i < n; i++) await app.inject({ method: 'GET', url, headers: { cookie } });
    return count / n;
  } finally {
    inst.query = orig.query;
    inst.exec = orig.exec;
  }
}

/** An HTTP load with the process CPU it took per request (µs; includes the load generator thread). */
async function loadWithCpu(url: string, opts: { durationMs: number; headers?: Record<string, string> }) {
  const c0 = process.cpuUsage();
  const r = await httpLoad(url, opts);
  const c = process.cpuUsage(c0);
  return { ...r, cpuPerRequest: (c.user + c.system) / Math.max(1, r.requests) };
}

type Measured = LoadResult & { cpuPerRequest?: number };

async function benchOne(b: BenchDatabase) {
  // "after": the application as built (session cache on); "before": the same code with the cache off.
  const app = await benchApp(b.database);
  const before = await benchApp(b.database, { sessionCache: false });
  await loadDemoData(app.ctx);
  const cookie = await loginCookie(app, 'zzb', 'Xianfeng@2026');
  const sessionId = hashSessionToken(cookie.replace(/^xf_sid=/, ''));
  const db = b.database.db;
  const [unit] = await queryRows<{ id: number }>(db, sql`select id from org_units where name = '狼山街道'`);
  const id = unit?.id as number;
  const [project] = await queryRows<{ id: number }>(db, sql`select id from projects order by id limit 1`);
  const pid = project?.id as number;
  const rowSql = sql`select id, parent_id, path, kind, name, code, depth, lng, lat, industry, address, closed_at from org_units where id = ${id}`;
  const projectSql = sql`select * from projects where id = ${pid}`;
  const bare = Fastify();
  bare.get<{ Params: { id: string } }>('/orgs/:id', async (req) => {
    const rows = await queryRows(
      db,
      sql`select id, parent_id, path, kind, name, code, depth, lng, lat, industry, address, closed_at from org_units where id = ${Number(req.params.id)}`,
    );
    return rows[0];
  });
  bare.get<{ Params: { id: string } }>('/projects/:id', async (req) => {
    const rows = await queryRows(db, sql`select * from projects where id = ${Number(req.params.id)}`);
    return rows[0];
  });
  bare.get('/nodb', async () => ({ ok: true }));
  const appBase = await listen(app);
  const beforeBase = await listen(before);
  const bareBase = await listen(bare);
  const urls = {
    appOrg: `${appBase}/api/orgs/${id}`,
    appProject: `${appBase}/api/projects/${pid}`,
    beforeOrg: `${beforeBase}/api/orgs/${id}`,
    beforeProject: `${beforeBase}/api/projects/${pid}`,
    bareOrg: `${bareBase}/orgs/${id}`,
    bareProject: `${bareBase}/projects/${pid}`,
    bareNoDb: `${bareBase}/nodb`,
  };
  for (const u of [urls.appOrg, urls.appProject, urls.beforeOrg, urls.beforeProject]) {
    const check = await fetch(u, { headers: { cookie } });
    if (check.status !== 200) throw new Error(`xianfeng read failed: ${u} ${check.status}`);
  }
  if (!(await findSessionUser(db, sessionId))) throw new Error('session lookup found nothing');
  const counts = b.database.pglite
    ? {
        org: [
          await queriesPerRequest(before, b.database.pglite, `/api/orgs/${id}`, cookie),
          await queriesPerRequest(app, b.database.pglite, `/api/orgs/${id}`, cookie),
        ],
        project: [
          await queriesPerRequest(before, b.database.pglite, `/api/projects/${pid}`, cookie),
          await queriesPerRequest(app, b.database.pglite, `/api/projects/${pid}`, cookie),
        ],
      }
    : undefined;

  const keys = ['raw', 'rawProject', 'bareNoDb', 'bare', 'bareProject', 'app', 'before', 'appProject', 'beforeProject'];
  const runs: Record<string, Measured[]> = Object.fromEntries(keys.map((k) => [k, []]));
  const opts = { durationMs: DURATION };
  const auth = { ...opts, headers: { cookie } };
  for (let k = 0; k < ROUNDS; k++) {
    runs.raw!.push(await callLoad(() => queryRows(db, rowSql), opts));
    runs.rawProject!.push(await callLoad(() => queryRows(db, projectSql), opts));
    runs.bareNoDb!.push(await httpLoad(urls.bareNoDb, opts));
    runs.bare!.push(await httpLoad(urls.bareOrg, opts));
    runs.bareProject!.push(await httpLoad(urls.bareProject, opts));
    runs.app!.push(await loadWithCpu(urls.appOrg, auth));
    runs.before!.push(await loadWithCpu(urls.beforeOrg, auth));
    runs.appProject!.push(await loadWithCpu(urls.appProject, auth));
    runs.beforeProject!.push(await loadWithCpu(urls.beforeProject, auth));
  }
  await bare.close();
  await before.close();
  await app.close();
  const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, medianBy(v)])) as Record<string, Measured>;
  const row = (name: string, r: Measured, base: Measured, queries?: number) => ({
    case: `${b.label}: ${name}`,
    'req/s': Math.round(r.perSecond),
    'p50 ms': r.p50.toFixed(2),
    'p95 ms': r.p95.toFixed(2),
    'p99 ms': r.p99.toFixed(2),
    errors: r.errors,
    'vs baseline': `${((r.perSecond / base.perSecond) * 100).toFixed(0)} %`,
    'CPU µs/req': r.cpuPerRequest === undefined ? '' : Math.round(r.cpuPerRequest),
    'queries/req': queries === undefined ? '' : queries.toFixed(2),
  });
  return [
    row('bare Fastify + org SELECT, same pool (HTTP; BASELINE)', m.bare!, m.bare!),
    row('GET /api/orgs/:id, after (cache + prepared)', m.app!, m.bare!, counts?.org[1]),
    row('GET /api/orgs/:id, before (session read per request)', m.before!, m.bare!, counts?.org[0]),
    row('raw org SELECT on the driver, no HTTP (extra)', m.raw!, m.bare!),
    row('bare Fastify, no database (extra)', m.bareNoDb!, m.bare!),
    row('bare Fastify + project row SELECT (HTTP; BASELINE)', m.bareProject!, m.bareProject!),
    row(
      'GET /api/projects/:id, after (one statement, decision 033)',
      m.appProject!,
      m.bareProject!,
      counts?.project[1],
    ),
    row('GET /api/projects/:id, before', m.beforeProject!, m.bareProject!, counts?.project[0]),
    row('raw project SELECT on the driver (extra)', m.rawProject!, m.bareProject!),
  ];
}

export async function run(): Promise<void> {
  const rows = [];
  for (const make of [benchPglite, benchPostgres]) {
    const b = await make();
    if (!b) continue;
    try {
      rows.push(...(await benchOne(b)));
    } finally {
      await b.drop();
    }
  }
  console.log(
    `\nauthenticated read under load (${COMMAND}), 10 connections, median of ${ROUNDS} interleaved rounds of ${DURATION / 1000} s; baseline = bare Fastify + the same SELECT over the same pool`,
  );
  console.table(rows);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
