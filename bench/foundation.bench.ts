import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/client.js';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { measure, printStats, type Stats } from './lib.js';
import { benchPglite, benchPostgres, type BenchDatabase } from './db.js';
import { benchApp, loginCookie } from './app.js';

/**
 * An authenticated single-row read (GET /api/orgs/:id: session → actor, scope check, zod output)
 * against bare Fastify doing the same SELECT, and the SELECT alone, on each database, in one run.
 */
async function benchOne(b: BenchDatabase, n: number): Promise<Stats[]> {
  const app = await benchApp(b.database);
  await loadDemoData(app.ctx);
  const cookie = await loginCookie(app, 'zzb', 'Xianfeng@2026');
  const [unit] = await queryRows<{ id: number }>(app.ctx.db, sql`select id from org_units where name = '狼山街道'`);
  const id = unit?.id as number;

  const rowSql = sql`select id, parent_id, path, kind, name, code, depth, lng, lat, industry, address, closed_at from org_units where id = ${id}`;
  const bare = Fastify();
  bare.get<{ Params: { id: string } }>('/orgs/:id', async (req) => {
    const rows = await queryRows(
      b.database.db,
      sql`select id, parent_id, path, kind, name, code, depth, lng, lat, industry, address, closed_at from org_units where id = ${Number(req.params.id)}`,
    );
    return rows[0];
  });
  await bare.ready();

  const check = await app.inject({ method: 'GET', url: `/api/orgs/${id}`, headers: { cookie } });
  if (check.statusCode !== 200) throw new Error(`xianfeng read failed: ${check.statusCode}`);

  const out = [
    await measure(`${b.label}: raw SQL (same SELECT)`, () => queryRows(b.database.db, rowSql), { n }),
    await measure(`${b.label}: bare Fastify + SELECT`, () => bare.inject({ method: 'GET', url: `/orgs/${id}` }), { n }),
    await measure(
      `${b.label}: Xianfeng GET /api/orgs/:id (authenticated)`,
      () => app.inject({ method: 'GET', url: `/api/orgs/${id}`, headers: { cookie } }),
      { n },
    ),
  ];
  await bare.close();
  await app.close();
  return out;
}

export async function run(): Promise<void> {
  const n = Number(process.env.BENCH_N ?? 2000);
  const rows: Stats[] = [];
  for (const make of [benchPglite, benchPostgres]) {
    const b = await make();
    if (!b) continue;
    try {
      rows.push(...(await benchOne(b, n)));
    } finally {
      await b.drop();
    }
  }
  printStats(
    `Authenticated single-row read, ${n} serial requests each (app.inject, no network). Command: npm run bench -- foundation`,
    rows,
  );
  for (const label of ['PGlite', 'PostgreSQL']) {
    const [raw, bare, xf] = rows.filter((r) => r.name.startsWith(label));
    if (raw && bare && xf)
      console.log(
        `${label}: Xianfeng ${xf.perSecond.toFixed(0)} req/s = ${((xf.perSecond / bare.perSecond) * 100).toFixed(0)}% of bare Fastify (${bare.perSecond.toFixed(0)}), ${((xf.perSecond / raw.perSecond) * 100).toFixed(0)}% of raw SQL (${raw.perSecond.toFixed(0)} queries/s)`,
      );
  }
}
