import { afterAll, describe, expect, inject, it } from 'vitest';
import { createServer, Socket, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import { FakeClock } from './fake-clock.js';
import { startServer, type ServerProcess } from './process-helpers.js';
import { TEST_KEY } from './test-app.js';

/**
 * A server that survives its database (PostgreSQL only: PGlite lives inside the process). The app's
 * backends are terminated under load and the database is made unreachable; the process stays up,
 * answers 503 DB_UNAVAILABLE meanwhile, recovers by itself, and loses no acknowledged write.
 */
const mode = inject('dbMode');
if (mode !== 'postgres')
  console.warn(
    '\n!!! test/db-resilience.test.ts runs on PostgreSQL only (the PostgreSQL integration run): ' +
      'DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run --project integration test/db-resilience.test.ts\n',
  );

const UNAVAILABLE = '数据库暂时无法连接，请稍后重试；如持续出现，请联系系统管理员';
const dbs: TestDatabase[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function freshDatabaseUrl(): Promise<string> {
  const db = await createTestDatabase();
  dbs.push(db);
  await db.database.close();
  return db.url as string;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.runIf(mode === 'postgres')('the server survives its database (PostgreSQL)', () => {
  it('backends terminated mid-load: the process stays up, recovers, and every acknowledged write is in the database', async () => {
    const url = await freshDatabaseUrl();
    const dir = mkdtempSync(join(tmpdir(), 'xf-res-'));
    dirs.push(dir);
    const server: ServerProcess = await startServer({ DATABASE_URL: url, XIANFENG_DATA_DIR: dir }, 120_000);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      expect((await fetch(server.url('/healthz'))).status).toBe(200);
      const login = await fetch(server.url('/api/auth/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'zzb', password: 'Xianfeng@2026' }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
      const { rows } = await admin.query<{ id: number }>(
        "select id from org_units where kind = 'township' and closed_at is null order by id limit 1",
      );
      const townshipUnitId = rows[0]!.id;

      const N = 200;
      const acknowledged: string[] = [];
      const statuses = new Map<number, number>();
      const bodies503: Array<{ code: string; message: string }> = [];
      let done = 0;
      const write = async (i: number) => {
        const name = `韧性测试项目${i}-${Date.now() % 100000}`;
        const res = await fetch(server.url('/api/projects'), {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
          body: JSON.stringify({ name, townshipUnitId, stage: 'negotiating', kind: 'industry' }),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) acknowledged.push(name);
        else if (res.status === 503) bodies503.push((await res.json()) as { code: string; message: string });
        else await res.text();
        done++;
      };
      // 200 writes, 25 in flight at a time; the backends are terminated twice while they run.
      let next = 0;
      const workers = Array.from({ length: 25 }, async () => {
        while (next < N) await write(next++);
      });
      let terminated = 0;
      const killer = (async () => {
        for (const at of [40, 120]) {
          await waitFor(`${at} writes`, async () => done >= at, 60_000);
          const r = await admin.query<{ t: boolean }>(
            'select pg_terminate_backend(pid) as t from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
          );
          terminated += r.rows.filter((x) => x.t).length;
        }
      })();
      await Promise.all([...workers, killer]);

      expect(terminated).toBeGreaterThan(0);
      expect(server.proc.exitCode).toBeNull();
      expect(server.output()).toContain('database connection lost');
      // Only two answers: the write was done (200) or the database was away (503 with the message).
      expect([...statuses.keys()].filter((s) => s !== 200 && s !== 503)).toEqual([]);
      for (const b of bodies503) expect(b).toEqual({ code: 'DB_UNAVAILABLE', message: UNAVAILABLE });
      expect(acknowledged.length).toBeGreaterThan(N / 2);

      await waitFor('healthz ok', async () => (await fetch(server.url('/healthz'))).status === 200);
      expect(await (await fetch(server.url('/healthz'))).json()).toMatchObject({ database: { state: 'ok' } });
      const after = await fetch(server.url('/api/projects'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ name: `韧性测试恢复后-${Date.now()}`, townshipUnitId }),
      });
      expect(after.status).toBe(200);

      const stored = await admin.query<{ name: string }>('select name from projects where name = any($1)', [
        acknowledged,
      ]);
      expect(stored.rows.length).toBe(acknowledged.length);
    } finally {
      await admin.end();
      server.proc.kill('SIGTERM');
      await server.exited;
    }
  });

  it('with the database unreachable a request gets 503 with the message and /healthz says unavailable; then it recovers', async () => {
    const target = new URL(await freshDatabaseUrl());
    // A TCP proxy in front of PostgreSQL that the test can pull out and put back.
    const sockets = new Set<Socket>();
    const proxy: Server = createServer((client) => {
      const upstream = new Socket();
      sockets.add(client).add(upstream);
      upstream.connect(Number(target.port || 5432), target.hostname);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const port = (proxy.address() as { port: number }).port;
    const viaProxy = new URL(target);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);

    let database: Database | undefined;
    let app: FastifyInstance | undefined;
    try {
      database = await openDatabase({ kind: 'postgres', url: viaProxy.toString(), poolSize: 4 });
      const config = parseConfig({ NODE_ENV: 'test', XIANFENG_DEMO: 'false', XIANFENG_WEB_DIR: '/nonexistent' });
      app = await buildApp({ database, config, clock: new FakeClock(), secretKeyHex: TEST_KEY });
      const login = () =>
        app!.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
      expect((await login()).statusCode).toBe(401);
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);

      // The database goes away: open connections cut, new ones refused.
      await new Promise<void>((r) => {
        proxy.close(() => r());
        for (const s of sockets) s.destroy();
      });
      const res = await login();
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ code: 'DB_UNAVAILABLE', message: UNAVAILABLE });
      const en = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-lang': 'en' },
        payload: { username: 'nobody', password: 'x' },
      });
      expect(en.json().message).toBe('The database is temporarily unavailable; please try again shortly');
      const health = await app.inject({ url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({
        status: 'unavailable',
        db: 'postgres',
        database: { state: 'unavailable' },
      });

      // It comes back on the same address: the next requests succeed without a restart.
      await new Promise<void>((r) => proxy.listen(port, '127.0.0.1', r));
      await waitFor('healthz ok', async () => (await app!.inject({ url: '/healthz' })).statusCode === 200);
      expect((await login()).statusCode).toBe(401);
    } finally {
      await app?.close();
      await database?.close();
      proxy.close();
      for (const s of sockets) s.destroy();
    }
  });
});
