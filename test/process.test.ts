import { afterAll, describe, expect, inject, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import { runTs, startServer } from './process-helpers.js';

/**
 * The real processes: `npm start`'s server, the data-directory lock, SIGTERM, and the command-line
 * tools, against PGlite on disk or (when DATABASE_URL is set) this file's own PostgreSQL database.
 */
const mode = inject('dbMode');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'xf-proc-'));
  dirs.push(d);
  return d;
};
const pgDbs: TestDatabase[] = [];
afterAll(async () => {
  for (const d of pgDbs) await d.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function dbEnv(): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  if (mode === 'pglite') {
    const dir = tempDir();
    return { env: { XIANFENG_DATA_DIR: dir }, open: () => openDatabase({ kind: 'pglite', dataDir: dir }) };
  }
  const pgDb = await createTestDatabase();
  pgDbs.push(pgDb);
  await pgDb.database.close();
  const url = pgDb.url as string;
  return {
    env: { DATABASE_URL: url, XIANFENG_DATA_DIR: tempDir() },
    open: () => openDatabase({ kind: 'postgres', url }),
  };
}

// The lock guards PGlite's on-disk directory; the PostgreSQL run has no such directory to guard (shown as skipped).
describe.runIf(mode === 'pglite')('PGlite data directory lock', () => {
  it('a second server on the same data dir exits with a clear message; the first keeps working; SIGTERM stops cleanly', async () => {
    const dir = tempDir();
    const first = await startServer({ XIANFENG_DATA_DIR: dir });
    try {
      expect(await (await fetch(first.url('/healthz'))).json()).toMatchObject({
        status: 'ok',
        db: 'pglite',
        database: { state: 'ok' },
      });
      const second = await startServer({ XIANFENG_DATA_DIR: dir }, 120_000);
      expect(await second.exited).toBe(3);
      expect(second.output()).toContain(`数据目录 ${dir} 已被另一个 Xianfeng 进程`);
      expect(second.output()).toContain('Only one process may open it');
      expect((await fetch(first.url('/healthz'))).status).toBe(200);
      const login = await fetch(first.url('/api/auth/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'zzb', password: 'Xianfeng@2026' }),
      });
      expect(login.status).toBe(200);

      // A request in flight when SIGTERM arrives still gets its answer.
      const inflight = new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ username: 'lingdao', password: 'Xianfeng@2026' });
        const req = request(
          first.url('/api/auth/login'),
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body, () => setTimeout(() => first.proc.kill('SIGTERM'), 5));
      });
      expect(await inflight).toBe(200);
      expect(await first.exited).toBe(0);
      expect(existsSync(join(dir, 'xianfeng.lock'))).toBe(false);
    } finally {
      first.proc.kill('SIGKILL');
    }
  });
});

describe('command-line tools', () => {
  it('npm run audit:verify passes on an untouched database and fails after a row is altered by hand', async () => {
    const { env, open } = await dbEnv();
    const seeded = await runTs('src/server/cli/seed-demo.ts', env);
    expect(seeded.stdout).toContain('demo data loaded');
    const ok = await runTs('src/server/cli/audit-verify.ts', env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit chain OK: \d+ rows verified/);

    const db = await open();
    await db.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    await db.db.execute(sql`update audit_log set actor_name = 'someone-else' where id = 2`);
    await db.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    await db.close();

    const bad = await runTs('src/server/cli/audit-verify.ts', env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('audit chain BROKEN at row 2');
  });

  it('npm run calendar:load loads a year from a file; a bad file loads nothing', async () => {
    const { env, open } = await dbEnv();
    const dir = tempDir();
    const file = join(dir, '2027.json');
    writeFileSync(
      file,
      JSON.stringify({
        year: 2027,
        days: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-01-04', kind: 'workday', name: '元旦' },
        ],
      }),
    );
    const bad = await runTs('src/server/cli/calendar-load.ts', env, ['--file', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('调休上班日应为周六或周日');
    writeFileSync(file, JSON.stringify({ year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }));
    const good = await runTs('src/server/cli/calendar-load.ts', env, ['--file', file]);
    expect(good.stdout).toContain('loaded 2027: 1 dated exceptions');
    const db = await open();
    const years = (await db.db.execute(sql`select year from calendar_years order by year`)) as unknown as {
      rows: Array<{ year: number }>;
    };
    await db.close();
    // A fresh database: the CLI migrates but does not seed; the server seeds 2024–2026 at its first start.
    expect(years.rows.map((r) => r.year)).toEqual([2027]);
  });

  it('npm run db:migrate applies migrations and says on which database', async () => {
    const { env } = await dbEnv();
    const res = await runTs('src/server/cli/migrate.ts', env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`migrations applied (${mode})`);
  });
});

describe('start-up', () => {
  it('lists every configuration problem, then exits non-zero', async () => {
    const res = await runTs('src/server/main.ts', {
      PORT: 'x',
      NODE_ENV: 'production',
      XIANFENG_SESSION_IDLE_MINUTES: '0',
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('PORT="x": must be a port number');
    expect(res.stderr).toContain(
      'XIANFENG_SESSION_IDLE_MINUTES="0": XIANFENG_SESSION_IDLE_MINUTES must be greater than 0',
    );
  });

  it('refuses a fixed clock (XIANFENG_CLOCK_START) unless NODE_ENV=test, and honours it under test', async () => {
    for (const NODE_ENV of ['development', 'production']) {
      const res = await runTs('src/server/main.ts', {
        NODE_ENV,
        XIANFENG_SECRET_KEY: 'b2'.repeat(32),
        XIANFENG_CLOCK_START: '2026-11-23T02:00:00Z',
      });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('XIANFENG_CLOCK_START: a fixed clock is only for tests');
    }
    const { env } = await dbEnv();
    const server = await startServer(
      {
        ...env,
        NODE_ENV: 'test',
        XIANFENG_DEMO: 'false',
        XIANFENG_CLOCK_START: '2027-03-01T01:00:00Z',
      },
      150_000,
    );
    try {
      const res = await fetch(server.url('/api/auth/setup'));
      const at = Date.parse(res.headers.get('x-server-time') ?? '');
      // It started at 01:00 and runs in real time: a few seconds of start-up later, never today's date.
      expect(at - Date.parse('2027-03-01T01:00:00Z')).toBeGreaterThanOrEqual(0);
      expect(at - Date.parse('2027-03-01T01:00:00Z')).toBeLessThan(10 * 60_000);
      expect(server.output()).toContain('test clock: started at 2027-03-01T01:00:00.000Z');
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
  }, 240_000);

  it('production mode loads no demo data and makes the first administrator set a password with the setup token', async () => {
    const { env } = await dbEnv();
    const server = await startServer({
      ...env,
      NODE_ENV: 'production',
      XIANFENG_SECRET_KEY: 'b2'.repeat(32),
      XIANFENG_REGION_NAME: '测试新区',
    });
    try {
      expect(await (await fetch(server.url('/healthz'))).json()).toMatchObject({
        status: 'ok',
        db: mode,
        database: { state: 'ok' },
      });
      const token = /setup token: (\S+)/.exec(server.output())?.[1];
      expect(token).toBeTruthy();
      const post = (path: string, body: unknown) =>
        fetch(server.url(path), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect(await (await fetch(server.url('/api/auth/setup'))).json()).toEqual({ needed: true });
      expect((await post('/api/auth/login', { username: 'zzb', password: 'Xianfeng@2026' })).status).toBe(401);
      expect((await post('/api/auth/login', { username: 'admin', password: 'Xianfeng@2026' })).status).toBe(401);
      expect((await post('/api/auth/setup', { setupToken: 'wrong', newPassword: 'Strong@pass1' })).status).toBe(403);
      expect((await post('/api/auth/setup', { setupToken: token, newPassword: 'Strong@pass1' })).status).toBe(200);
      expect((await post('/api/auth/setup', { setupToken: token, newPassword: 'Strong@pass2' })).status).toBe(409);
      const login = await post('/api/auth/login', { username: 'admin', password: 'Strong@pass1' });
      expect(login.status).toBe(200);
      expect((await login.json()).user.scope).toMatchObject({ name: '测试新区' });
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
  });
});
