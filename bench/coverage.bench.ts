import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { sql, type SQL } from 'drizzle-orm';
import { classify, checkGroup, proposeJointBranches, rates, type CoverageUnit } from '../src/domain/coverage.js';
import { insertUnit } from '../src/server/modules/orgs/org.repository.js';
import { userRoles, users } from '../src/server/db/schema/index.js';
import { hashPassword } from '../src/server/crypto/password.js';
import { queryRows } from '../src/server/db/client.js';
import { benchApp, loginCookie } from './app.js';
import { recomputeProposals } from '../src/server/modules/orgs/coverage.proposals.js';
import { SYSTEM_ACTOR, type Actor } from '../src/server/actor.js';
import { coverageOverview, coverageOverviewFromAllUnits } from '../src/server/modules/orgs/coverage.service.js';
import {
  coverageSummaryStatement,
  summariseCoverageUnits,
} from '../src/server/modules/orgs/coverage.summary.repository.js';
import { refreshCoverageClasses } from '../src/server/modules/orgs/coverage.classify.repository.js';
import type { Database } from '../src/server/db/client.js';
import { benchPglite, benchPostgres, type BenchDatabase } from './db.js';
import { measure, printStats } from './lib.js';

/**
 * The coverage engine (组织覆盖):
 *  1. the pure domain function (classification, rates, joint-branch proposals) over BENCH_UNITS (10,000) — no database;
 *  2. on PostgreSQL at 2k, 10k and 20k units (or BENCH_UNITS only) with their formal members, and on PGlite at
 *     one district (4,000 units): GET /api/coverage before (every unit loaded and classified in JS, the old path,
 *     kept callable for this baseline), the decision-026 statement (classified in SQL per call) and after (the stored
 *     classes, decision 032), a township user's GET, one write then the GET that reclassifies its unit, the
 *     recomputation that stores the proposals, GET /api/coverage/proposals; EXPLAIN ANALYZE of the 026 statement.
 *   npx tsx bench/coverage.bench.ts        (or npm run bench -- coverage)
 *   BENCH_UNITS=20000 npx tsx bench/coverage.bench.ts
 */
const COMMAND = 'npx tsx bench/coverage.bench.ts';
const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const TOWNSHIPS = 20;
const INDUSTRIES = ['新材料', '电子信息', '装备制造', '食品加工', '物流', '建筑施工'];

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 10,000 units in 20 townships of ~15 × 15 km, members 0–4 (most below 3), a few covered. */
function syntheticUnits(n: number): CoverageUnit[] {
  const r = rng(42);
  return Array.from({ length: n }, (_, i) => {
    const town = i % TOWNSHIPS;
    const members = r() < 0.8 ? Math.floor(r() * 3) : 3 + Math.floor(r() * 5);
    return {
      key: `${i % 2 ? 'f' : 'p'}:${String(i).padStart(6, '0')}`,
      kind: i % 2 ? 'firm' : 'project',
      id: i,
      name: `单位${i}`,
      areaId: town + 1,
      lng: 113 + (town % 5) * 0.2 + r() * 0.16,
      lat: 34 + Math.floor(town / 5) * 0.2 + r() * 0.13,
      industry: INDUSTRIES[Math.floor(r() * INDUSTRIES.length)]!,
      byRelation: r() < 0.5 ? Math.floor(members / 2) : 0,
      byParticipation: members - (r() < 0.5 ? Math.floor(members / 2) : 0),
      coveredBy: r() < 0.05 ? { orgId: 1, orgName: '某支部', joint: r() < 0.5 } : null,
      hasInstructor: r() < 0.3,
    } satisfies CoverageUnit;
  }).map((u) => ({ ...u, byRelation: Math.min(u.byRelation, u.byRelation + u.byParticipation) }));
}

async function pureFigures(): Promise<void> {
  const units = syntheticUnits(UNITS);
  const { proposals, leftOver } = proposeJointBranches(units);
  const broken = proposals.filter((p) => checkGroup(p.units).length > 0).length;
  const needsJoint = units.filter((u) => classify(u) === 'needs_joint').length;
  console.log(
    `\n${UNITS} units, ${needsJoint} needing a joint branch → ${proposals.length} proposals covering ${proposals.reduce((s, p) => s + p.units.length, 0)} units, ${leftOver.length} left over; constraint violations: ${broken}`,
  );
  if (broken) throw new Error('a proposal breaks a constraint');
  printStats(`pure domain (${COMMAND})`, [
    await measure(
      `classify + rates, ${UNITS} units`,
      async () => rates(units.filter((u) => classify(u) !== 'needs_own')),
      { n: 50, warmup: 5 },
    ),
    await measure(`proposeJointBranches, ${UNITS} units`, async () => proposeJointBranches(units), {
      n: 20,
      warmup: 3,
    }),
  ]);
}

/** Unit counts of the end-to-end runs: BENCH_UNITS=20000 for one, default 2k, 10k and 20k on PostgreSQL. */
const API_SCALES = process.env.BENCH_UNITS ? [UNITS] : [2_000, 10_000, 20_000];
/** PGlite: one district (bench/generate: about 2,000 projects and 1,500 firms): 4,000 units. */
const PGLITE_UNITS = Number(process.env.BENCH_PGLITE_UNITS ?? 4_000);

/** Execution time of one statement as PostgreSQL reports it (EXPLAIN ANALYZE): independent of the machine's load. */
async function explainMs(db: Database['db'], statement: SQL): Promise<string> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`explain (analyze, buffers, format json) ${statement}`);
  const plan = Object.values(rows[0]!)[0];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as Array<{ 'Execution Time': number }>;
  return parsed[0]!['Execution Time'].toFixed(1);
}

async function apiFigures(bench: BenchDatabase, units: number): Promise<void> {
  const { database } = bench;
  try {
    const app = await benchApp(database);
    const db = app.ctx.db;
    const t0 = Date.now();
    const region = await insertUnit(db, { parentId: null, kind: 'region', name: '基准开发区' });
    const towns = [];
    for (let i = 0; i < TOWNSHIPS; i++)
      towns.push(await insertUnit(db, { parentId: region.id, kind: 'township', name: `基准镇${i}` }));
    const branch = await insertUnit(db, { parentId: towns[0]!.id, kind: 'party_committee', name: '基准镇党委' });
    const half = units / 2;
    const townIds = `{${towns.map((t) => t.id).join(',')}}`;
    const townPaths = `{${towns.map((t) => `"${t.path}"`).join(',')}}`;
    // firms: half of the units; projects (开工): the other half, in the same townships
    await db.execute(sql`
      insert into org_units (parent_id, path, depth, kind, name, lng, lat, industry)
      select (${townIds}::int[])[1 + g % ${TOWNSHIPS}], 'pending', 2, 'firm', '基准企业' || g,
             113 + ((g % ${TOWNSHIPS}) % 5) * 0.2 + ((g * 7919) % 1000) / 6250.0,
             34 + ((g % ${TOWNSHIPS}) / 5) * 0.2 + ((g * 104729) % 1000) / 7700.0,
             (array['新材料','电子信息','装备制造','食品加工','物流','建筑施工'])[1 + (g * 31) % 6]
      from generate_series(1, ${half}) g`);
    await db.execute(
      sql`update org_units set path = (${townPaths}::text[])[1 + (substring(name from 5)::int) % ${TOWNSHIPS}] || id || '/' where path = 'pending'`,
    );
    await db.execute(sql`
      insert into projects (code, name, stage, region_unit_id, township_unit_id, industry, lng, lat, commissioner_user_id)
      select 'BX-' || g, '基准项目' || g, 'started', ${region.id}, (${townIds}::int[])[1 + g % ${TOWNSHIPS}],
             (array['新材料','电子信息','装备制造','食品加工','物流','建筑施工'])[1 + (g * 17) % 6],
             113 + ((g % ${TOWNSHIPS}) % 5) * 0.2 + ((g * 6151) % 1000) / 6250.0,
             34 + ((g % ${TOWNSHIPS}) / 5) * 0.2 + ((g * 3571) % 1000) / 7700.0, null
      from generate_series(1, ${half}) g`);
    // formal members: 0–2 at most units, 3–7 at one in six; at projects and at firms
    await db.execute(sql`
      insert into people (name, political_status, relation_org_unit_id, org_path, project_id)
      select '党员' || p.id || '-' || k, 'full', ${branch.id}, ${branch.path}, p.id
      from projects p cross join generate_series(1, 7) k
      where p.code like 'BX-%' and k <= case when p.id % 6 = 0 then 3 + p.id % 5 else p.id % 3 end`);
    await db.execute(sql`
      insert into people (name, political_status, relation_org_unit_id, org_path, employer_unit_id)
      select '员工' || f.id || '-' || k, 'full', ${branch.id}, ${branch.path}, f.id
      from org_units f cross join generate_series(1, 7) k
      where f.kind = 'firm' and k <= case when f.id % 6 = 0 then 3 + f.id % 5 else f.id % 3 end`);
    await db.execute(sql`analyze`);
    const [{ n: members } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from people`);
    const [user] = await db
      .insert(users)
      .values({
        username: 'bench_zzb',
        displayName: '基准组织部',
        passwordHash: await hashPassword('Bench@2026pass'),
        scopeUnitId: region.id,
        mustChangePassword: false,
      })
      .returning();
    await db.insert(userRoles).values({ userId: user!.id, roleCode: 'org_dept' });
    console.log(
      `\n${bench.label}: ${units} units (${half} started projects, ${half} firms) in ${TOWNSHIPS} townships, ${members} formal members, generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    const cookie = await loginCookie(app, 'bench_zzb', 'Bench@2026pass');
    const get = (url: string) => async () => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res;
    };
    const recompute = () => recomputeProposals(app.ctx, region.path, SYSTEM_ACTOR);
    // the bulk insert above left every unit dirty: the first read rebuilds the stored classes (once)
    const tRebuild = Date.now();
    await refreshCoverageClasses(db);
    console.log(`stored classes rebuilt after the bulk load: ${Date.now() - tRebuild} ms (once)`);
    await recompute();
    const first = (await get('/api/coverage/proposals?pageSize=1')()).json() as { total: number };
    const overview = (await get('/api/coverage?pageSize=1')()).json() as {
      region: { units: number; orgRate: number; workRate: number };
    };
    // the same answer both ways (the bench's own check; test/coverage-summary.test.ts is the real one)
    const actor = { scope: { path: region.path } } as unknown as Actor;
    const q = { page: 1, pageSize: 50 };
    const fast = await coverageOverview(app.ctx, actor, q);
    const full = await coverageOverviewFromAllUnits(app.ctx, actor, q);
    if (!isDeepStrictEqual(fast, full)) {
      console.log(JSON.stringify(fast).slice(0, 1500), '\n', JSON.stringify(full).slice(0, 1500));
      throw new Error('the database classification differs from the full recomputation');
    }
    console.log(`API: ${overview.region.units} units, ${first.total} proposals stored`);
    const town = towns[3]!;
    const townUser = await db
      .insert(users)
      .values({
        username: 'bench_town',
        displayName: '基准镇',
        passwordHash: await hashPassword('Bench@2026pass'),
        scopeUnitId: town.id,
        mustChangePassword: false,
      })
      .returning();
    await db.insert(userRoles).values({ userId: townUser[0]!.id, roleCode: 'org_dept' });
    const townCookie = await loginCookie(app, 'bench_town', 'Bench@2026pass');
    const getTown = async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/coverage?pageSize=20',
        headers: { cookie: townCookie },
      });
      if (res.statusCode !== 200) throw new Error(`town: ${res.statusCode}`);
    };
    const k = `${units / 1000}k`;
    // one write that changes a unit's class (a member's status), so the next read reclassifies that unit
    const [someone] = await queryRows<{ id: number }>(db, sql`select id from people order by id limit 1`);
    let flip = false;
    const writeOne = async () => {
      flip = !flip;
      await db.execute(
        sql`update people set political_status = ${flip ? 'probationary' : 'full'} where id = ${someone!.id}`,
      );
    };
    printStats(`${bench.label}, ${units} units: GET /api/coverage before/after, proposals (${COMMAND})`, [
      await measure(
        `before: all ${k} units loaded, classified in JS (service call)`,
        () => coverageOverviewFromAllUnits(app.ctx, actor, { page: 1, pageSize: 20 }),
        { n: 10, warmup: 2 },
      ),
      await measure(
        `decision 026: classified in SQL per call, counts + one page (service call)`,
        () => summariseCoverageUnits(db, region.path, { limit: 20, offset: 0 }),
        { n: 10, warmup: 2 },
      ),
      await measure(
        `after: stored classes, counts + one page (service call)`,
        () => coverageOverview(app.ctx, actor, { page: 1, pageSize: 20 }),
        { n: 20, warmup: 3 },
      ),
      await measure(`after: GET /api/coverage?pageSize=20 (region, ${k} units)`, get('/api/coverage?pageSize=20'), {
        n: 20,
        warmup: 3,
      }),
      await measure(
        `after: GET /api/coverage?class=needs_joint&page=5`,
        get('/api/coverage?class=needs_joint&page=5&pageSize=20'),
        {
          n: 20,
          warmup: 3,
        },
      ),
      await measure(`after: GET /api/coverage, a township user (subtree only)`, getTown, { n: 20, warmup: 3 }),
      await measure(`one write (a member's status; marks its unit dirty), alone`, writeOne, { n: 20, warmup: 2 }),
      await measure(
        `one write, then GET /api/coverage region (the GET reclassifies the dirty unit)`,
        async () => {
          await writeOne();
          await get('/api/coverage?pageSize=20')();
        },
        { n: 20, warmup: 2 },
      ),
      await measure(`recompute proposals (all ${k} units + store, as POST …/recompute)`, recompute, {
        n: 5,
        warmup: 1,
      }),
      await measure(
        'GET /api/coverage/proposals (stored, page 1; leftOver from the stored 需联合组建 units)',
        get('/api/coverage/proposals?pageSize=50'),
        {
          n: 5,
          warmup: 1,
        },
      ),
    ]);
    if (process.env.BENCH_PLAN)
      for (const r of await queryRows<Record<string, string>>(
        db,
        sql`explain (analyze, buffers) ${coverageSummaryStatement(region.path, { limit: 20, offset: 0 })}`,
      ))
        console.log(Object.values(r)[0]);
    if (bench.label === 'PostgreSQL')
      console.log(
        `EXPLAIN ANALYZE execution time of the summary statement, region scope, ${k} units: ${await explainMs(
          db,
          coverageSummaryStatement(region.path, { limit: 20, offset: 0 }),
        )} ms; township scope: ${await explainMs(db, coverageSummaryStatement(town.path, { limit: 20, offset: 0 }))} ms`,
      );
    await app.close();
  } finally {
    await bench.drop();
  }
}

export async function run(): Promise<void> {
  await pureFigures();
  for (const units of API_SCALES) {
    const pg = await benchPostgres();
    if (pg) await apiFigures(pg, units);
  }
  await apiFigures(await benchPglite(), PGLITE_UNITS);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
