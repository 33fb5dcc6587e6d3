import { pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../src/server/db/client.js';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { findSessionUser } from '../src/server/modules/auth/session.repository.js';
import { hashSessionToken } from '../src/server/http/authenticate.js';
import { benchPglite, benchPostgres, type BenchDatabase } from './db.js';
import { benchApp, loginCookie } from './app.js';
import { callLoad, httpLoad, type LoadResult } from './load.js';

/**
 * Issue 10 goal 1: the authenticated single-row read under load — GET /api/orgs/:id over HTTP with 10
 * keep-alive connections (bench/load.ts) — against the same SELECT on the driver with 10 concurrent
 * callers over the same pool, and bare Fastify doing that SELECT over HTTP; plus the per-request
 * session lookup as it was (the unprepared SQL, kept here) against the prepared one. Rounds are
 * interleaved; the median round is printed. Compare ratios, not absolute figures across runs.
 *   npx tsx bench/read-load.bench.ts        (or npm run bench -- read-load)
 */
const COMMAND = 'npx tsx bench/read-load.bench.ts';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_SECONDS ?? 2) * 1000;

/** findSessionUser before decision 019: built and sent unprepared on every request. */
function unpreparedLookup(db: Db, sessionId: string) {
  return queryRows(
    db,
    sql`select s.id as session_id, s.csrf_token, s.created_at, s.last_seen_at,
               u.id as user_id, u.username, u.display_name, u.must_change_password, u.disabled,
               o.id as scope_unit_id, o.path as scope_path, o.kind as scope_kind, o.name as scope_name,
               coalesce((select array_agg(ur.role_code order by ur.role_code) from user_roles ur where ur.user_id = u.id), '{}') as roles
          from sessions s
          join users u on u.id = s.user_id
          join org_units o on o.id = u.scope_unit_id
         where s.id = ${sessionId} and s.revoked_at is null`,
  );
}

function medianBy(rs: LoadResult[]): LoadResult {
  return [...rs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(rs.length / 2)] as LoadResult;
}

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

async function benchOne(b: BenchDatabase) {
  const app = await benchApp(b.database);
  await loadDemoData(app.ctx);
  const cookie = await loginCookie(app, 'zzb', 'Xianfeng@2026');
  const sessionId = hashSessionToken(cookie.replace(/^xf_sid=/, ''));
  const db = b.database.db;
  const [unit] = await queryRows<{ id: number }>(db, sql`select id from org_units where name = '狼山街道'`);
  const id = unit?.id as number;
  const rowSql = sql`select id, parent_id, path, kind, name, code, depth, lng, lat, industry, address, closed_at from org_units where id = ${id}`;
  const bare = Fastify();
  bare.get<{ Params: { id: string } }>('/orgs/:id', async (req) => {
    const rows = await queryRows(
      db,
      sql`select id, parent_id, path, kind, name, code, depth, lng, lat, industry, address, closed_at from org_units where id = ${Number(req.params.id)}`,
    );
    return rows[0];
  });
  const appUrl = `${await listen(app)}/api/orgs/${id}`;
  const bareUrl = `${await listen(bare)}/orgs/${id}`;
  const check = await fetch(appUrl, { headers: { cookie } });
  if (check.status !== 200) throw new Error(`xianfeng read failed: ${check.status}`);
  if (!(await findSessionUser(db, sessionId))) throw new Error('session lookup found nothing');

  const runs: Record<string, LoadResult[]> = { raw: [], bare: [], app: [], before: [], after: [] };
  const opts = { durationMs: DURATION };
  for (let k = 0; k < ROUNDS; k++) {
    runs.raw!.push(await callLoad(() => queryRows(db, rowSql), opts));
    runs.bare!.push(await httpLoad(bareUrl, opts));
    runs.app!.push(await httpLoad(appUrl, { ...opts, headers: { cookie } }));
    runs.before!.push(await callLoad(() => unpreparedLookup(db, sessionId), opts));
    runs.after!.push(await callLoad(() => findSessionUser(db, sessionId), opts));
  }
  await bare.close();
  await app.close();
  const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, medianBy(v)])) as Record<string, LoadResult>;
  const row = (name: string, r: LoadResult, base: LoadResult) => ({
    case: `${b.label}: ${name}`,
    'req/s': Math.round(r.perSecond),
    'p50 ms': r.p50.toFixed(2),
    'p95 ms': r.p95.toFixed(2),
    'p99 ms': r.p99.toFixed(2),
    errors: r.errors,
    'vs baseline': `${((r.perSecond / base.perSecond) * 100).toFixed(0)} %`,
  });
  return [
    row('raw SQL on the driver (baseline)', m.raw!, m.raw!),
    row('bare Fastify + SELECT (HTTP)', m.bare!, m.raw!),
    row('Xianfeng GET /api/orgs/:id (HTTP)', m.app!, m.raw!),
    row('session lookup, unprepared (before; baseline)', m.before!, m.before!),
    row('session lookup, prepared (after)', m.after!, m.before!),
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
    `\nauthenticated read under load (${COMMAND}), 10 connections, median of ${ROUNDS} interleaved rounds of ${DURATION / 1000} s`,
  );
  console.table(rows);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
