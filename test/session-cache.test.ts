import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { users } from '../src/server/db/schema/index.js';
import type { Agent } from './test-app.js';
import { createTestApp, TEST_KEY, type TestApp } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';

/**
 * Decision 022: the session, account, scope and roles are remembered per server, and every change
 * still counts on the next request — on this server at once, on another within a short poll.
 */
let t: TestApp;
let region: Awaited<ReturnType<typeof buildRegion>>;
let sysadmin: Agent;
let secadmin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  region = await buildRegion(t.ctx);
  sysadmin = await t.login((await buildUser(t.ctx, { unitId: region.region.id, roles: ['sysadmin'] })).username);
  secadmin = await t.login((await buildUser(t.ctx, { unitId: region.region.id, roles: ['secadmin'] })).username);
});
afterAll(async () => t?.close());

/** A read that goes through the actor only (GET /api/auth/me reads the account itself). */
const orgRead = () => `/api/orgs/${region.townA.id}`;

/** A logged-in user whose session row is in the cache (two reads: the first stores it). */
async function cachedUser(roles: Array<'leader' | 'org_dept'> = ['leader']) {
  const u = await buildUser(t.ctx, { unitId: region.townA.id, roles });
  const agent = await t.login(u.username);
  expect((await agent.get(orgRead())).statusCode).toBe(200);
  expect((await agent.get(orgRead())).statusCode).toBe(200);
  return { u, agent };
}

/** Sets must_change_password with the notifying trigger off: nobody is told. */
async function silentlySetMustChange(userId: number, value: boolean) {
  await t.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`alter table users disable trigger users_auth_notify_update`);
    await tx.update(users).set({ mustChangePassword: value }).where(eq(users.id, userId));
    await tx.execute(sql`alter table users enable trigger users_auth_notify_update`);
  });
}

/** The same browser after the cookie was cleared by the server: the old cookie, sent again. */
function sameCookie(agent: Agent): Agent {
  const again = t.anonymous();
  again.cookie = agent.cookie;
  again.csrf = agent.csrf;
  return again;
}

async function poll<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 2000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('session cache on one server', () => {
  it('is on while the listener is up', () => {
    expect(t.app.sessionCache?.isLive()).toBe(true);
  });

  it('a logout counts on the next request', async () => {
    const { agent } = await cachedUser();
    const old = sameCookie(agent);
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await old.get(orgRead())).statusCode).toBe(401);
  });

  it('disabling an account counts on its next request', async () => {
    const { u, agent } = await cachedUser();
    expect((await sysadmin.patch(`/api/users/${u.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await agent.get(orgRead())).statusCode).toBe(401);
  });

  it('a role change counts on the next request', async () => {
    const { u, agent } = await cachedUser(['leader']);
    expect((await secadmin.put(`/api/users/${u.id}/roles`, { roles: [] })).statusCode).toBe(200);
    const res = await agent.get(orgRead());
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('a password reset ends the sessions at once', async () => {
    const { u, agent } = await cachedUser();
    const reset = await sysadmin.post(`/api/users/${u.id}/reset-password`, { password: 'Temp@pass99' });
    expect(reset.statusCode).toBe(200);
    expect((await agent.get(orgRead())).statusCode).toBe(401);
  });

  it('a change written outside any request (the CLI, a job) is told by the database', async () => {
    const { u, agent } = await cachedUser();
    await t.ctx.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, u.id));
    const res = await poll(
      () => agent.get(orgRead()),
      (r) => r.statusCode === 403,
    );
    expect(res.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('remembers: a change nobody is told of is not seen until the cache is emptied', async () => {
    // Shows the cache is really used (the tests above would pass without one).
    const { u, agent } = await cachedUser();
    await silentlySetMustChange(u.id, true);
    expect((await agent.get(orgRead())).statusCode).toBe(200);
    t.app.sessionCache!.flush();
    expect((await agent.get(orgRead())).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('the idle timeout still ends a remembered session', async () => {
    const { agent } = await cachedUser();
    t.clock.advanceMinutes(31);
    expect((await agent.get(orgRead())).json().code).toBe('SESSION_EXPIRED');
  });
});

const onPg = Boolean(process.env.DATABASE_URL);

describe.runIf(onPg)('session cache across servers (PostgreSQL)', () => {
  let b: FastifyInstance;
  beforeAll(async () => {
    b = await buildApp({ database: t.db.database, config: t.ctx.config, clock: t.clock, secretKeyHex: TEST_KEY });
  });
  afterAll(async () => b?.close());

  const onB = (cookie: string) => b.inject({ method: 'GET', url: orgRead(), headers: { cookie } });

  it('a logout on A is refused on B within a short poll', async () => {
    const { agent } = await cachedUser();
    const cookie = agent.cookie!;
    expect((await onB(cookie)).statusCode).toBe(200);
    expect((await onB(cookie)).statusCode).toBe(200);
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(200);
    const res = await poll(
      () => onB(cookie),
      (r) => r.statusCode === 401,
    );
    expect(res.statusCode).toBe(401);
  });

  it('is bypassed while its listener connection is gone, and used again after it reconnects', async () => {
    const cache = b.sessionCache!;
    const { u, agent } = await cachedUser();
    const cookie = agent.cookie!;
    expect((await onB(cookie)).statusCode).toBe(200);
    const pid = cache.listenerPid();
    expect(pid).toBeTypeOf('number');
    const adminUrl = new URL(t.db.url!);
    const dbName = adminUrl.pathname.slice(1);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    try {
      // No new connection may be made until we allow it again, so the listener cannot come back early.
      await admin.query(`alter database ${dbName} allow_connections false`);
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await poll(
        async () => cache.isLive(),
        (live) => !live,
      );
      expect(cache.isLive()).toBe(false);
      // Nobody listens: even a change nobody is told of counts at once (the cache is not used).
      await silentlySetMustChange(u.id, true);
      expect((await onB(cookie)).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
      await silentlySetMustChange(u.id, false);
      expect((await onB(cookie)).statusCode).toBe(200);
      await admin.query(`alter database ${dbName} allow_connections true`);
      await poll(
        async () => cache.isLive(),
        (live) => live,
        15_000,
      );
      expect(cache.isLive()).toBe(true);
      expect(cache.listenerPid()).not.toBe(pid);
      // Back on: remembered again (a silent change is not seen) …
      expect((await onB(cookie)).statusCode).toBe(200);
      await silentlySetMustChange(u.id, true);
      expect((await onB(cookie)).statusCode).toBe(200);
      // … and told again: a notified change to the account empties its entry.
      await t.ctx.db.update(users).set({ displayName: '改名' }).where(eq(users.id, u.id));
      const res = await poll(
        () => onB(cookie),
        (r) => r.statusCode === 403,
      );
      expect(res.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    } finally {
      await admin.query(`alter database ${dbName} allow_connections true`);
      await admin.end();
    }
  });
});
