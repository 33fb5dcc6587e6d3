import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import pg from 'pg';
import { BENCH_PG_URL, benchPostgres } from './db.js';
import { openDatabase, queryRows, type Database } from '../src/server/db/client.js';
import { migrateDatabase } from '../src/server/db/migrate.js';
import { users } from '../src/server/db/schema/index.js';
import { seedCalendarOnce, syncRoles } from '../src/server/seed/base.js';
import { createRng } from './generate/rng.js';
import { SCALES, emptyRefs, type GeneratedRefs, type ScaleName } from './generate/types.js';
import { generateOrgs } from './generate/orgs.js';
import { generatedIdNumber, generatePeople } from './generate/people.js';
import { measure, printStats, type Stats } from './lib.js';
import { PEOPLE_COUNT_CAP } from '../src/server/modules/people/people.repository.js';

/**
 * The member list at scale through the real app (app.inject with an authenticated session): page 1,
 * a status filter, a pinyin-initials search and an ID-number search, next to the same queries in raw
 * SQL in the same run. Only orgs and people are generated (no projects or problems).
 *   npx tsx bench/people.bench.ts                       (npm run bench -- people)
 *   BENCH_SCALES=district npx tsx bench/people.bench.ts  60,000 people on PGlite
 *   BENCH_SCALES=province BENCH_PEOPLE=1000000 …         1M people on PostgreSQL (default)
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres (an admin URL: a database is created and dropped)
 *   BENCH_PG_KEEP=xf_bench_keep_people …                 generate once into that database and keep it (drop by hand)
 */
const COMMAND = 'npm run bench -- people';
const PASSWORD = 'Xianfeng@2026';

async function loginCookie(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  const sid = res.cookies.find((c) => c.name === 'xf_sid')?.value;
  if (res.statusCode !== 200 || !sid) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return `xf_sid=${sid}`;
}

async function benchScale(scale: ScaleName, database: Database, n: number): Promise<void> {
  const started = Date.now();
  await migrateDatabase(database);
  const config = parseConfig({
    NODE_ENV: 'test',
    XIANFENG_DEMO: 'false',
    XIANFENG_WEB_DIR: '/nonexistent',
    LOG_LEVEL: 'silent',
  });
  const app = await buildApp({ database, config, secretKeyHex: 'a1'.repeat(32) });
  try {
    await syncRoles(app.ctx);
    await seedCalendarOnce(app.ctx);
    const refs: GeneratedRefs = emptyRefs();
    const g = {
      ctx: app.ctx,
      scale: SCALES[scale],
      scaleName: scale,
      rng: createRng(42),
      refs,
      log: (m: string) => console.log(m),
    };
    const [{ n: kept } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from people`,
    );
    if (kept > 0) {
      // a kept database (BENCH_PG_KEEP): the generated accounts and region are found by name
      const found = await queryRows<{ username: string; id: number; path: string }>(
        database.db,
        sql`select u.username, u.id, o.path from users u join org_units o on o.id = u.scope_unit_id where u.username like 'gen_%'`,
      );
      for (const f of found) {
        const key = f.username.replace(/\d+$/, '');
        refs.userIds[key] = f.id;
        if (key === 'gen_zzb') refs.regionPath = f.path;
      }
    } else {
      await generateOrgs(g);
      await generatePeople(g);
    }
    const [{ n: total } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from people`,
    );
    console.log(
      `\n${scale} (${database.kind}): ${total} people generated in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    const [u] = await database.db
      .select({ username: users.username })
      .from(users)
      .where(eq(users.id, refs.userIds.gen_zzb ?? 0));
    const [t] = await database.db
      .select({ username: users.username })
      .from(users)
      .where(eq(users.id, refs.userIds.gen_zhuanyuan ?? 0));
    const org = await loginCookie(app, u?.username ?? '');
    const town = await loginCookie(app, t?.username ?? '');
    const get = (cookie: string, url: string) => async () => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res;
    };
    const region = refs.regionPath;
    const someId = generatedIdNumber(Math.floor(total / 2));
    const idHash = app.ctx.cipher.blindIndex(someId);
    const raw =
      (where: ReturnType<typeof sql>, order = sql`p.pinyin using ~<~, p.id`) =>
      async () => {
        await Promise.all([
          queryRows(
            database.db,
            sql`select p.*, o.name as org_name from people p left join org_units o on o.id = p.relation_org_unit_id where ${where} order by ${order} limit 20`,
          ),
          // the list's count: exact up to the cap, then the planner's estimate (EXPLAIN)
          queryRows(
            database.db,
            sql`select count(*)::int from (select 1 from people p where ${where} limit ${PEOPLE_COUNT_CAP + 1}) c`,
          ),
        ]);
      };
    const inRegion = sql`p.org_path like ${`${region}%`}`;
    const opts = { n, warmup: Math.max(3, Math.round(n / 10)) };
    const rows: Stats[] = [];
    rows.push(
      await measure(
        'app  GET /api/people (region, page 1×20, by pinyin)',
        get(org, '/api/people?page=1&pageSize=20'),
        opts,
      ),
    );
    rows.push(await measure('raw  SQL same (page + count)', raw(inRegion), opts));
    rows.push(
      await measure(
        'app  GET /api/people?politicalStatus=probationary',
        get(org, '/api/people?politicalStatus=probationary&page=1&pageSize=20'),
        opts,
      ),
    );
    rows.push(
      await measure('raw  SQL same (status)', raw(sql`${inRegion} and p.political_status = 'probationary'`), opts),
    );
    rows.push(
      await measure(
        'app  GET /api/people?q=zs (pinyin initials)',
        get(org, '/api/people?q=zs&page=1&pageSize=20'),
        opts,
      ),
    );
    rows.push(
      await measure(
        'raw  SQL same (pinyin prefix)',
        raw(
          sql`${inRegion} and p.pinyin like 'z%' and (p.pinyin like 'zs%' or split_part(p.pinyin, ' ', 2) like 'zs%')`,
        ),
        opts,
      ),
    );
    rows.push(
      await measure('app  GET /api/people?q=<ID number> (blind index)', get(org, `/api/people?q=${someId}`), opts),
    );
    rows.push(await measure('raw  SQL same (id_hash)', raw(sql`${inRegion} and p.id_hash = ${idHash}`), opts));
    rows.push(
      await measure(
        'app  GET /api/people (township user, page 1×20)',
        get(town, '/api/people?page=1&pageSize=20'),
        opts,
      ),
    );
    rows.push(
      await measure(
        'app  GET /api/people?sort=recent (region, newest first)',
        get(org, '/api/people?sort=recent&page=1&pageSize=20'),
        opts,
      ),
    );
    // every other filter of the web page, alone, and a township user's search
    for (const [label, cookie, url] of [
      ['region, q=z (one letter)', org, '/api/people?q=z'],
      ['region, q=zhang (full pinyin)', org, '/api/people?q=zhang'],
      ['region, q=张 (name prefix)', org, `/api/people?q=${encodeURIComponent('张')}`],
      ['region, expert=true', org, '/api/people?expert=true'],
      ['region, talent=true', org, '/api/people?talent=true'],
      ['region, worker=true', org, '/api/people?worker=true'],
      ['region, flow=out', org, '/api/people?flow=out'],
      ['region, flow=in (none)', org, '/api/people?flow=in'],
      ['township user, q=zs', town, '/api/people?q=zs'],
      ['township user, probationary', town, '/api/people?politicalStatus=probationary'],
      ['township user, expert=true', town, '/api/people?expert=true'],
      ['region, employer=生成企业7有限公司', org, `/api/people?employer=${encodeURIComponent('生成企业7有限公司')}`],
    ] as const)
      rows.push(await measure(`app  GET /api/people ${label}`, get(cookie, `${url}&page=1&pageSize=20`), opts));
    printStats(`people bench — ${scale} scale on ${database.kind} (${total} people) · ${COMMAND}`, rows);
    const p50 = (name: string) => rows.find((r) => r.name.startsWith(name))?.p50 ?? NaN;
    console.log(
      `ratios (p50) app/raw SQL: page 1 = ${(p50('app  GET /api/people (region') / p50('raw  SQL same (page')).toFixed(1)}×, status = ${(p50('app  GET /api/people?politicalStatus') / p50('raw  SQL same (status')).toFixed(1)}×, ` +
        `pinyin = ${(p50('app  GET /api/people?q=zs') / p50('raw  SQL same (pinyin')).toFixed(1)}×, ID = ${(p50('app  GET /api/people?q=<ID') / p50('raw  SQL same (id_hash')).toFixed(1)}×`,
    );
  } finally {
    await app.close();
  }
}

export async function run(): Promise<void> {
  const scales = (process.env.BENCH_SCALES ?? 'province').split(',');
  if (scales.includes('district') || scales.includes('tiny')) {
    const scale = scales.includes('tiny') ? 'tiny' : 'district';
    const database = await openDatabase({ kind: 'pglite-memory' });
    try {
      await benchScale(scale, database, Number(process.env.BENCH_N ?? 50));
    } finally {
      await database.close();
    }
  }
  const keep = process.env.BENCH_PG_KEEP;
  if (scales.includes('province') && keep) {
    // a database kept between runs while iterating (generated once, migrated on each run): drop it by hand
    if (!/^xf_bench_keep_\w+$/.test(keep)) throw new Error('BENCH_PG_KEEP must look like xf_bench_keep_<name>');
    const admin = new pg.Client({ connectionString: BENCH_PG_URL });
    await admin.connect();
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [keep]);
    if (!rowCount) await admin.query(`create database ${keep}`);
    await admin.end();
    const u = new URL(BENCH_PG_URL);
    u.pathname = `/${keep}`;
    const database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 10 });
    try {
      await benchScale('province', database, Number(process.env.BENCH_N_PROVINCE ?? 30));
    } finally {
      await database.close();
    }
    return;
  }
  if (scales.includes('province')) {
    const bench = await benchPostgres({ prefix: 'people', poolSize: 10 });
    if (!bench) return;
    try {
      await benchScale('province', bench.database, Number(process.env.BENCH_N_PROVINCE ?? 30));
    } finally {
      await bench.drop();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
