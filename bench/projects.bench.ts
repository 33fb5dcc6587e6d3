import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { benchPostgres } from './db.js';
import { openDatabase, queryRows, type Database } from '../src/server/db/client.js';
import { migrateDatabase } from '../src/server/db/migrate.js';
import { users } from '../src/server/db/schema/index.js';
import { seedCalendarOnce, syncRoles } from '../src/server/seed/base.js';
import { listProjects } from '../src/server/modules/projects/project.repository.js';
import { chinaDate } from '../src/domain/dates.js';
import { generate } from './generate/index.js';
import type { GeneratedRefs, Scale, ScaleName } from './generate/types.js';
import { measure, printStats, type Stats } from './lib.js';

/**
 * The project list (filtered, paged) and the 公示 board through the real app (app.inject with an
 * authenticated session), next to a bare-Fastify route and the equivalent raw SQL in the same run.
 * Only the orgs and projects generators run (no people, no problems): the list's cost is the projects'.
 *   npx tsx bench/projects.bench.ts          2k on PGlite; 2k, 20k and 100k projects on PostgreSQL
 *   BENCH_SCALES=pglite-2k,pg-100k npx tsx bench/projects.bench.ts
 *   BENCH_KEEP=1 …   keeps each PostgreSQL database (xf_keep_projects_<scale>) and reuses it next time;
 *                    drop them by hand when done (drop database xf_keep_projects_100k)
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres … (an admin URL: a database is created and dropped)
 */
const COMMAND = 'npx tsx bench/projects.bench.ts';
const PASSWORD = 'Xianfeng@2026';

async function loginCookie(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  const sid = res.cookies.find((c) => c.name === 'xf_sid')?.value;
  if (res.statusCode !== 200 || !sid) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return `xf_sid=${sid}`;
}

async function usernameOf(database: Database, id: number | undefined): Promise<string> {
  const [u] = await database.db
    .select({ username: users.username })
    .from(users)
    .where(eq(users.id, id ?? 0));
  if (!u) throw new Error('generated user missing');
  return u.username;
}

/** Project counts of the bench: the region grows, page 1 must not. */
const PROJECT_SCALES: Record<string, { base: ScaleName; scale: Partial<Scale> }> = {
  '2k': { base: 'district', scale: {} },
  '20k': { base: 'district', scale: { townships: 80, firms: 12_000, projects: 20_000 } },
  '100k': { base: 'province', scale: {} },
};

async function benchScale(scaleKey: string, database: Database, n: number, keptAs?: string): Promise<void> {
  const started = Date.now();
  const spec = PROJECT_SCALES[scaleKey];
  if (!spec) throw new Error(`unknown scale ${scaleKey}`);
  const scale = `${scaleKey} projects`;
  await migrateDatabase(database);
  const config = parseConfig({
    NODE_ENV: 'test',
    XIANFENG_DEMO: 'false',
    XIANFENG_WEB_DIR: '/nonexistent',
    LOG_LEVEL: 'silent',
  });
  const app = await buildApp({ database, config, secretKeyHex: 'a1'.repeat(32) });
  try {
    const refsFile = keptAs ? `.tmp/${keptAs}.refs.json` : undefined;
    let refs: GeneratedRefs;
    if (refsFile && existsSync(refsFile)) {
      refs = JSON.parse(readFileSync(refsFile, 'utf8')) as GeneratedRefs;
      console.log(`\n${scale} (${database.kind}): reusing ${keptAs} (${refs.projectIds.length} projects)`);
    } else {
      await syncRoles(app.ctx);
      await seedCalendarOnce(app.ctx);
      refs = await generate(app.ctx, spec.base, 42, () => undefined, {
        only: ['orgs', 'projects'],
        scale: spec.scale,
      });
      if (refsFile) {
        mkdirSync('.tmp', { recursive: true });
        writeFileSync(refsFile, JSON.stringify(refs));
      }
      console.log(
        `\n${scale} (${database.kind}): generated ${refs.projectIds.length} projects in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    }
    const org = await loginCookie(app, await usernameOf(database, refs.userIds.gen_zzb));
    const town = await loginCookie(app, await usernameOf(database, refs.userIds.gen_zhuanyuan));
    const township = refs.townshipIds[1] as number;
    const get = (cookie: string, url: string) => async () => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res;
    };
    const listUrl = `/api/projects?colour=yellow&townshipId=${township}&page=1&pageSize=20`;
    const sample = await get(org, listUrl)();
    const boardSample = await get(org, '/api/projects/board?pageSize=50')();

    // Baselines in the same run: Fastify alone answering a same-sized body, and the query alone in SQL.
    const bare = Fastify();
    const listBody = sample.body;
    const boardBody = boardSample.body;
    bare.get('/list', async (_req, reply) => reply.type('application/json').send(listBody));
    bare.get('/board', async (_req, reply) => reply.type('application/json').send(boardBody));
    await bare.ready();
    const year = chinaDate(new Date()).slice(0, 4);
    const region = refs.regionId;
    const rawList = async () => {
      await Promise.all([
        queryRows(
          database.db,
          sql`select p.*, t.name as township, l.display_name as leader from projects p left join org_units t on t.id = p.township_unit_id left join users l on l.id = p.leader_user_id
          where p.region_unit_id = ${region} and p.warning_colour = 'yellow' and p.township_unit_id = ${township} order by p.warning_rank desc nulls last, p.code limit 20`,
        ),
        queryRows(
          database.db,
          sql`select count(*)::int from projects where region_unit_id = ${region} and warning_colour = 'yellow' and township_unit_id = ${township}`,
        ),
      ]);
    };
    const rawBoard = async () => {
      const rows = await queryRows<{ id: number }>(
        database.db,
        sql`select p.*, t.name as township from projects p left join org_units t on t.id = p.township_unit_id where p.region_unit_id = ${region} order by p.warning_rank desc nulls last, p.code limit 50`,
      );
      await Promise.all([
        queryRows(
          database.db,
          sql`select * from project_nodes where project_id = any(${`{${rows.map((r) => r.id).join(',')}}`}::int[]) order by project_id, seq`,
        ),
        queryRows(
          database.db,
          sql`select warning_colour, count(*)::int from projects where region_unit_id = ${region} group by 1`,
        ),
      ]);
    };
    const actor = {
      userId: refs.userIds.gen_zzb ?? 0,
      scope: { unitId: region, path: refs.regionPath, kind: 'org' as const, unitKind: 'region' as const, name: '' },
    };
    const repoList = () =>
      listProjects(
        database.db,
        actor,
        { colour: 'yellow', townshipId: township, page: 1, pageSize: 20, sort: 'risk' },
        year,
      );

    const opts = { n, warmup: Math.max(3, Math.round(n / 10)) };
    console.log(
      `load: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    const rows: Stats[] = [];
    rows.push(await measure('app  GET /api/projects (colour+township, page 1×20)', get(org, listUrl), opts));
    rows.push(
      await measure(
        'app  GET /api/projects (stage, page 10×20)',
        get(org, '/api/projects?stage=started&page=10&pageSize=20'),
        opts,
      ),
    );
    rows.push(
      await measure(
        'app  GET /api/projects (township user, page 1×20)',
        get(town, '/api/projects?page=1&pageSize=20'),
        opts,
      ),
    );
    // the other filters of the web list page (ProjectListPage.tsx), a name and a pinyin-initials search, the facets
    const leaderId = refs.userIds.gen_lingdao ?? 0;
    const cases: Array<[string, string, string]> = [
      ['app  GET /api/projects (page 1×20, no filter)', org, '/api/projects?page=1&pageSize=20'],
      ['app  GET /api/projects (q=智能 name, page 1×20)', org, `/api/projects?q=${encodeURIComponent('智能')}`],
      ['app  GET /api/projects (q=znsp pinyin initials)', org, '/api/projects?q=znsp'],
      ['app  GET /api/projects (q=G…-000123 code)', org, `/api/projects?q=${encodeURIComponent('-000123')}`],
      ['app  GET /api/projects (chain+level)', org, `/api/projects?chain=${encodeURIComponent('新材料')}&level=city`],
      ['app  GET /api/projects (leader)', org, `/api/projects?leaderId=${leaderId}`],
      ['app  GET /api/projects (mine, township user)', town, '/api/projects?mine=true'],
      ['app  GET /api/projects (sort=name)', org, '/api/projects?sort=name'],
      ['app  GET /api/projects (township user, q=znsp)', town, '/api/projects?q=znsp'],
      ['app  GET /api/projects/facets', org, '/api/projects/facets'],
      ['app  GET /api/projects/facets (township user)', town, '/api/projects/facets'],
    ];
    for (const [name, who, url] of cases) rows.push(await measure(name, get(who, url), opts));
    rows.push(
      await measure('app  GET /api/projects/board (page 1×50)', get(org, '/api/projects/board?pageSize=50'), opts),
    );
    rows.push(
      await measure(
        'app  GET /api/projects/board (township user, q=znsp)',
        get(town, '/api/projects/board?pageSize=50&q=znsp'),
        opts,
      ),
    );
    rows.push(
      await measure(
        'app  GET /api/projects/board (red, page 2×50)',
        get(org, '/api/projects/board?colour=red&page=2&pageSize=50'),
        opts,
      ),
    );
    rows.push(await measure('repo listProjects (visibility rule, no HTTP)', repoList, opts));
    rows.push(await measure('raw  SQL list (region filter, same page)', rawList, opts));
    rows.push(await measure('raw  SQL board (page + nodes + counts)', rawBoard, opts));
    rows.push(await measure('bare Fastify, list-sized body', () => bare.inject({ method: 'GET', url: '/list' }), opts));
    rows.push(
      await measure('bare Fastify, board-sized body', () => bare.inject({ method: 'GET', url: '/board' }), opts),
    );
    printStats(
      `projects bench — ${scale} scale on ${database.kind} (${refs.projectIds.length} projects) · ${COMMAND}`,
      rows,
    );
    const p50 = (name: string) => rows.find((r) => r.name.startsWith(name))?.p50 ?? NaN;
    console.log(
      `ratios (p50): list app/raw SQL = ${(p50('app  GET /api/projects (colour') / p50('raw  SQL list')).toFixed(1)}×, list app/bare Fastify = ${(p50('app  GET /api/projects (colour') / p50('bare Fastify, list')).toFixed(1)}×, ` +
        `board app/raw SQL = ${(p50('app  GET /api/projects/board (page 1') / p50('raw  SQL board')).toFixed(1)}×, board app/bare Fastify = ${(p50('app  GET /api/projects/board (page 1') / p50('bare Fastify, board')).toFixed(1)}×`,
    );
    await bare.close();
  } finally {
    await app.close();
  }
}

export async function run(): Promise<void> {
  const scales = (process.env.BENCH_SCALES ?? 'pglite-2k,pg-2k,pg-20k,pg-100k').split(',');
  if (scales.includes('pglite-2k')) {
    const database = await openDatabase({ kind: 'pglite-memory' });
    try {
      await benchScale('2k', database, Number(process.env.BENCH_N ?? 200));
    } finally {
      await database.close();
    }
  }
  for (const key of ['2k', '20k', '100k']) {
    if (!scales.includes(`pg-${key}`)) continue;
    const keep = process.env.BENCH_KEEP ? `xf_keep_projects_${key}` : undefined;
    const bench = await benchPostgres({ prefix: 'projects', poolSize: 10, ...(keep ? { keep } : {}) });
    if (!bench) return;
    try {
      await benchScale(key, bench.database, Number(process.env.BENCH_N_PG ?? 100), keep);
    } finally {
      await bench.drop();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
