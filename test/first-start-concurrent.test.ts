import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { parseConfig } from '../src/server/config.js';
import { openDatabase, queryRows, type Database } from '../src/server/db/client.js';
import { migrateDatabase } from '../src/server/db/migrate.js';
import { DEMO_ACCOUNTS, DEMO_UNITS } from '../src/server/seed/demo-region.js';
import { startApp } from '../src/server/start.js';
import { FakeClock } from './fake-clock.js';
import { withDatabase } from './global-setup.js';
import { TEST_KEY } from './test-app.js';

/**
 * Two servers started at the same instant on one empty database (issue 10 goal 6, decision 019):
 * both come up and the demo, or the production first start, is loaded once. On PostgreSQL each
 * server has its own pool on a database created blank (no template: the migrations race too); on
 * PGlite (one process per data dir) both apps share one migrated in-memory database.
 */
const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

async function blankDatabases(): Promise<[Database, Database]> {
  if (inject('dbMode') === 'pglite') {
    const database = await openDatabase({ kind: 'pglite-memory' });
    opened.push(database);
    await migrateDatabase(database);
    return [database, database];
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `${inject('pgPrefix')}_first_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  opened.push({
    async close() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  });
  const url = withDatabase(adminUrl, name);
  const a = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  const b = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  opened.push(a, b);
  return [a, b];
}

async function startTwo(demo: boolean) {
  const [a, b] = await blankDatabases();
  const start = (database: Database) =>
    startApp({
      database,
      clock: new FakeClock(),
      secretKeyHex: TEST_KEY,
      config: parseConfig({
        NODE_ENV: 'test',
        XIANFENG_DEMO: String(demo),
        XIANFENG_WEB_DIR: '/nonexistent',
        XIANFENG_AUDIT_ANCHOR_FILE: join(tmpdir(), `xf-audit-anchors-${randomBytes(6).toString('hex')}.log`),
      }),
    });
  const results = await Promise.allSettled([start(a), start(b)]);
  for (const r of results) if (r.status === 'fulfilled') opened.unshift(r.value.app as FastifyInstance);
  expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'up'))).toEqual(['up', 'up']);
  const boots = results.map((r) => (r.status === 'fulfilled' ? r.value.boot : undefined));
  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(a.db, query))[0]?.n;
  return { boots, count };
}

describe('two servers started at once on an empty database', () => {
  it('both come up and the demo is loaded once', async () => {
    const { boots, count } = await startTwo(true);
    expect(boots.filter((b) => b?.demoLoaded)).toHaveLength(1);
    // Every demo unit once (a second load would repeat each name under the same parent), each account once.
    const units = await count(sql`select count(*)::int as n from org_units`);
    expect(units).toBeGreaterThanOrEqual(DEMO_UNITS.length);
    expect(await count(sql`select count(distinct (coalesce(parent_id, 0), kind, name))::int as n from org_units`)).toBe(
      units,
    );
    expect(await count(sql`select count(*)::int as n from org_units where name = ${DEMO_UNITS[0]!.name}`)).toBe(1);
    const names = DEMO_ACCOUNTS.map((d) => d.username);
    expect(await count(sql`select count(*)::int as n from users where username in ${names}`)).toBe(names.length);
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'seed'`)).toBe(2);
    expect(await count(sql`select count(*)::int as n from settings where key = 'calendar_seeded'`)).toBe(1);
  });

  it('both come up and the production first start runs once, with one setup token', async () => {
    const { boots, count } = await startTwo(false);
    expect(boots.filter((b) => b?.setupToken)).toHaveLength(1);
    expect(await count(sql`select count(*)::int as n from org_units`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from users`)).toBe(3);
  });
});
