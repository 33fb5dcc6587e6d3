/**
 * Problem ledger bench: page 1 of the ledger under every filter the web offers (region, township,
 * firm and department users; status, category, overdue, department, firm, title search, queues) and
 * the statistics — at district scale (20,000) on PGlite and on PostgreSQL and at 1,000,000 problems on
 * PostgreSQL, with a bare-Fastify and a raw-SQL baseline in the same run.
 *   npx tsx bench/problems.bench.ts
 * BENCH_SKIP_PG=1: PGlite only. BENCH_PROBLEMS_PG=200000: a smaller large run. BENCH_PG_URL: elsewhere.
 * BENCH_PROBLEMS_DB=<name>: measure an existing, already generated database (kept, not dropped; its
 * pending migrations are applied) instead of generating the large run again (1M takes ~45 min here).
 */
import { pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { BENCH_PG_URL, benchPostgres } from './db.js';
import { openDatabase, queryRows, type Database } from '../src/server/db/client.js';
import { migrateDatabase } from '../src/server/db/migrate.js';
import { seedCalendarOnce, syncRoles } from '../src/server/seed/base.js';
import { createRng } from './generate/rng.js';
import { generateOrgs } from './generate/orgs.js';
import { generateProblems } from './generate/problems.js';
import { SCALES, emptyRefs, type GeneratedRefs, type Scale } from './generate/types.js';
import { measure, printStats, type Stats } from './lib.js';
import type { Actor } from '../src/server/actor.js';
import { problemStats } from '../src/server/modules/problems/problem.stats.js';

const COMMAND = 'npx tsx bench/problems.bench.ts';
const KEY = 'b2'.repeat(32);

async function prepare(database: Database, scale: Scale, label: string) {
  await migrateDatabase(database);
  const app = await buildApp({
    database,
    config: parseConfig({
      NODE_ENV: 'test',
      XIANFENG_DEMO: 'false',
      XIANFENG_WEB_DIR: '/nonexistent',
      LOG_LEVEL: 'silent',
    }),
    secretKeyHex: KEY,
  });
  await syncRoles(app.ctx);
  await seedCalendarOnce(app.ctx);
  const refs: GeneratedRefs = emptyRefs();
  const rng = createRng(42);
  const started = Date.now();
  const log = (m: string) => console.log(`  [${label}] ${m}`);
  await generateOrgs({ ctx: app.ctx, scale, scaleName: 'district', rng, refs, log });
  await generateProblems({ ctx: app.ctx, scale, scaleName: 'district', rng, refs, log });
  const loadSeconds = (Date.now() - started) / 1000;
  console.log(`  [${label}] generated ${scale.problems.toLocaleString('en')} problems in ${loadSeconds.toFixed(1)} s`);
  return { app, refs, loadSeconds };
}

/** The generated accounts and region of a database generated earlier (see BENCH_PROBLEMS_DB). */
async function refsOf(database: Database): Promise<GeneratedRefs> {
  const users = await queryRows<{ username: string; id: number }>(
    database.db,
    sql`select username, id from users where username like 'gen\_%' order by id`,
  );
  const userIds: Record<string, number> = {};
  for (const u of users) userIds[u.username.replace(/\d+$/, '')] = u.id;
  const [region] = await queryRows<{ id: number; path: string }>(
    database.db,
    sql`select id, path from org_units where kind = 'region' order by id limit 1`,
  );
  return {
    regionId: region?.id ?? 0,
    regionPath: region?.path ?? '/',
    townshipIds: [],
    departmentIds: [],
    firmIds: [],
    branchIds: [],
    userIds,
    projectIds: [],
  };
}

async function openKept(name: string, label: string) {
  const u = new URL(BENCH_PG_URL);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 10 });
  await migrateDatabase(database);
  const app = await buildApp({
    database,
    config: parseConfig({
      NODE_ENV: 'test',
      XIANFENG_DEMO: 'false',
      XIANFENG_WEB_DIR: '/nonexistent',
      LOG_LEVEL: 'silent',
    }),
    secretKeyHex: KEY,
  });
  await syncRoles(app.ctx);
  const refs = await refsOf(database);
  const [n] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from problems`);
  console.log(`  [${label}] kept database ${name}: ${n?.n.toLocaleString('en')} problems`);
  return { app, refs, database, count: n?.n ?? 0 };
}

async function loginCookie(app: FastifyInstance, userId: number): Promise<string> {
  const [u] = await queryRows<{ username: string }>(app.ctx.db, sql`select username from users where id = ${userId}`);
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: u?.username, password: 'Xianfeng@2026' },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const sid = res.cookies.find((c) => c.name === 'xf_sid')?.value;
  return `xf_sid=${sid}`;
}

/** The same rows and counts the ledger endpoint returns, straight from SQL: the floor for the list. */
function rawList(app: FastifyInstance, regionPath: string) {
  return async () => {
    await Promise.all([
      app.ctx.db.execute(
        sql`select p.id, p.title, p.status, p.answer_due, f.name as firm, d.name as dept from problems p left join org_units f on f.id = p.firm_unit_id left join org_units d on d.id = p.lead_dept_unit_id where p.scope_path like ${`${regionPath}%`} order by p.id desc limit 20`,
      ),
      app.ctx.db.execute(sql`select count(*)::int from problems where scope_path like ${`${regionPath}%`}`),
    ]);
  };
}

function rawStats(app: FastifyInstance, regionPath: string, today: string) {
  return async () => {
    await app.ctx.db
      .execute(sql`select count(*) filter (where status in ('rated','closed')) closed, count(*) filter (where status in ('rated','closed') and on_time) on_time,
      count(*) filter (where status not in ('rated','closed') and (late_rounds > 0 or (answered_at is null and answer_due < ${today}))) overdue,
      sum(ratings_total), sum(ratings_satisfied), avg(close_working_days) from problems where scope_path like ${`${regionPath}%`}`);
  };
}

/** A bare Fastify route answering a ledger page of the same size: the framework floor. */
async function bareFastify(app: FastifyInstance, cookie: string): Promise<FastifyInstance> {
  const page = (await app.inject({ method: 'GET', url: '/api/problems?page=1&pageSize=20', headers: { cookie } })).body;
  const bare = Fastify();
  bare.get('/page', async (_req, reply) => reply.header('content-type', 'application/json').send(page));
  await bare.ready();
  return bare;
}

async function benchApp(
  label: string,
  app: FastifyInstance,
  refs: GeneratedRefs,
  n: { list: number; stats: number },
): Promise<Stats[]> {
  const zzb = await loginCookie(app, refs.userIds.gen_zzb as number);
  const bumen = await loginCookie(app, refs.userIds.gen_bumen as number);
  const town = await loginCookie(app, refs.userIds.gen_zhuanyuan as number);
  const qiye = await loginCookie(app, refs.userIds.gen_qiye as number);
  const [dept] = await queryRows<{ id: number }>(
    app.ctx.db,
    sql`select id from org_units where kind = 'department' order by id desc limit 1`,
  );
  const [firmRow] = await queryRows<{ id: number }>(
    app.ctx.db,
    sql`select firm_unit_id as id from problems order by id desc limit 1`,
  );
  const get = (cookie: string, url: string) => async () => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  };
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const bare = await bareFastify(app, zzb);
  const rows: Stats[] = [];
  const opts = { n: n.list, warmup: 3 };
  rows.push(
    await measure(
      'baseline: bare Fastify, same page body',
      async () => void (await bare.inject({ method: 'GET', url: '/page' })),
      { n: 200, warmup: 20 },
    ),
  );
  rows.push(await measure('baseline: raw SQL page + count', rawList(app, refs.regionPath), opts));
  const q = encodeURIComponent;
  const cases: Array<[string, string, string]> = [
    ['GET /api/problems (ledger, page 1)', zzb, '/api/problems?page=1&pageSize=20'],
    ['  ?status=in_progress&category=land', zzb, '/api/problems?status=in_progress&category=land'],
    ['  ?status=closed', zzb, '/api/problems?status=closed'],
    ['  ?category=tax', zzb, '/api/problems?category=tax'],
    ['  ?overdue=true', zzb, '/api/problems?overdue=true'],
    ['  ?overdue=false', zzb, '/api/problems?overdue=false'],
    ['  ?deptId= (one department)', zzb, `/api/problems?deptId=${dept?.id}`],
    ['  ?firmId= (one firm)', zzb, `/api/problems?firmId=${firmRow?.id}`],
    ['  ?source=commissioner', zzb, '/api/problems?source=commissioner'],
    [`  ?q=用地指标 (common title words)`, zzb, `/api/problems?q=${q('用地指标')}`],
    [`  ?q=施工许可办理 (rarer title words)`, zzb, `/api/problems?q=${q('施工许可办理')}`],
    [`  ?q=无此问题标题 (no match)`, zzb, `/api/problems?q=${q('无此问题标题')}`],
    ['  ?page=50 (deep page)', zzb, '/api/problems?page=50&pageSize=20'],
    ['township user: ledger page 1', town, '/api/problems'],
    ['township user: ?overdue=true', town, '/api/problems?overdue=true'],
    ['firm user: ledger page 1', qiye, '/api/problems'],
    ['department user: ledger page 1', bumen, '/api/problems'],
    ['department user: ?status=closed', bumen, '/api/problems?status=closed'],
    ['department user: ?queue=to_sign&sort=due', bumen, '/api/problems?queue=to_sign&sort=due'],
    ['department user: ?queue=overdue&sort=due', bumen, '/api/problems?queue=overdue&sort=due'],
  ];
  for (const [label, cookie, url] of cases) rows.push(await measure(label, get(cookie, url), opts));
  const sOpts = { n: n.stats, warmup: 2 };
  rows.push(await measure('baseline: raw SQL overall counts', rawStats(app, refs.regionPath, today), sOpts));
  // The baseline of decision 034: the same statistics read from every row (the counters' test oracle).
  const [region] = await queryRows<{ id: number; name: string }>(
    app.ctx.db,
    sql`select id, name from org_units where path = ${refs.regionPath}`,
  );
  const zzbActor = {
    userId: refs.userIds.gen_zzb,
    scope: { unitId: region?.id, path: refs.regionPath, kind: 'org', unitKind: 'region', name: region?.name },
  } as unknown as Actor;
  rows.push(
    await measure(
      'baseline: stats from the rows (before decision 034)',
      async () => void (await problemStats(app.ctx, zzbActor, {}, { counters: false })),
      sOpts,
    ),
  );
  rows.push(
    await measure('GET /api/problems/stats (counters; all, by dept, by month)', get(zzb, '/api/problems/stats'), sOpts),
  );
  rows.push(
    await measure(
      'GET /api/problems/stats?from=2026-07-01&to=2026-09-30',
      get(zzb, '/api/problems/stats?from=2026-07-01&to=2026-09-30'),
      sOpts,
    ),
  );
  await bare.close();
  printStats(`${label} — ${COMMAND}`, rows);
  return rows;
}

async function benchPglite(): Promise<void> {
  const database = await openDatabase({ kind: 'pglite-memory' });
  try {
    const { app, refs } = await prepare(database, SCALES.district, 'PGlite district');
    await benchApp(
      `Problem ledger, PGlite, district scale (${SCALES.district.problems.toLocaleString('en')} problems)`,
      app,
      refs,
      { list: 40, stats: 15 },
    );
    await app.close();
  } finally {
    await database.close();
  }
}

async function benchOnPostgres(scale: Scale, label: string): Promise<void> {
  const bench = await benchPostgres({ prefix: 'problems', poolSize: 10 });
  if (!bench) return;
  try {
    const { app, refs } = await prepare(bench.database, scale, label);
    await printSize(app);
    await benchApp(`Problem ledger, PostgreSQL, ${scale.problems.toLocaleString('en')} problems`, app, refs, {
      list: 30,
      stats: 8,
    });
    await app.close();
  } finally {
    await bench.drop();
  }
}

async function printSize(app: FastifyInstance): Promise<void> {
  const [size] = await queryRows<{ s: string }>(
    app.ctx.db,
    sql`select pg_size_pretty(pg_database_size(current_database())) as s`,
  );
  console.log(`  database size ${size?.s}`);
}

/** The large run on a database generated earlier (BENCH_PROBLEMS_DB), kept afterwards. */
async function benchKept(name: string): Promise<void> {
  const { app, refs, database, count } = await openKept(name, 'PostgreSQL kept');
  try {
    await printSize(app);
    await benchApp(`Problem ledger, PostgreSQL, ${count.toLocaleString('en')} problems (kept ${name})`, app, refs, {
      list: 30,
      stats: 8,
    });
  } finally {
    await app.close();
    await database.close();
  }
}

/** BENCH_PROBLEMS_SCALES=pglite,pg-district,pg-large (default: all three). */
export async function run(): Promise<void> {
  const scales = (process.env.BENCH_PROBLEMS_SCALES ?? 'pglite,pg-district,pg-large').split(',');
  if (scales.includes('pglite')) await benchPglite();
  if (process.env.BENCH_SKIP_PG) return;
  if (scales.includes('pg-district')) await benchOnPostgres(SCALES.district, 'PostgreSQL district');
  if (!scales.includes('pg-large')) return;
  const kept = process.env.BENCH_PROBLEMS_DB;
  if (kept) return benchKept(kept);
  const count = Number(process.env.BENCH_PROBLEMS_PG ?? 1_000_000);
  await benchOnPostgres(
    { ...SCALES.province, problems: count } as unknown as Scale,
    `PostgreSQL ${count.toLocaleString('en')}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
