import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../src/server/db/schema/index.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';

let t: TestApp;
let region: Awaited<ReturnType<typeof buildRegion>>;

beforeAll(async () => {
  t = await createTestApp();
  region = await buildRegion(t.ctx);
});
afterAll(async () => t?.close());

describe('POST /api/auth/login', () => {
  it('400 with the exact message when the password is missing', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'someone' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', message: '密码：必填' });
  });

  it('answers in English when asked', async () => {
    const a = t.anonymous();
    a.lang = 'en';
    const res = await a.post('/api/auth/login', { username: 'someone' });
    expect(res.json().message).toBe('password: required');
  });

  it('logs in, sets an HttpOnly cookie and returns the CSRF token; the login is audited', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id, roles: ['commissioner'] });
    const res = await t.anonymous().post('/api/auth/login', { username: u.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.headers['set-cookie']?.toString() ?? '';
    expect(cookie).toMatch(/xf_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(res.json()).toMatchObject({
      user: { username: u.username, scope: { unitId: region.townA.id } },
      csrfToken: expect.any(String),
    });
    const rows = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'auth'), eq(auditLog.entityId, String(u.id))));
    expect(rows.map((r) => r.action)).toContain('login');
  });

  it('says a wrong password the same way whether or not the user exists', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id });
    const known = await t.anonymous().post('/api/auth/login', { username: u.username, password: 'Wrong@pass1' });
    const unknown = await t.anonymous().post('/api/auth/login', { username: 'nobody-here', password: 'Wrong@pass1' });
    expect(known.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(known.json().message).toBe('用户名或密码错误。再错 4 次，账号将被锁定 15 分钟（连续 5 次错误即锁定）');
    expect(unknown.json().message).toBe(known.json().message);
  });

  it('locks the account after 5 failures for 15 minutes, says so, and lets it in afterwards', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id });
    const a = t.anonymous();
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await a.post('/api/auth/login', { username: u.username, password: 'Wrong@pass1' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const locked = await a.post('/api/auth/login', { username: u.username, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    expect(locked.json().message).toMatch(
      /^连续 5 次密码错误，账号已被锁定 15 分钟，请在 \d\d:\d\d 之后（约 15 分钟后）再试/,
    );
    t.clock.advanceMinutes(14);
    expect((await a.post('/api/auth/login', { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(423);
    t.clock.advanceMinutes(2);
    expect((await a.post('/api/auth/login', { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
    const actions = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.actorName, u.username))).map(
      (r) => r.action,
    );
    expect(actions.filter((x) => x === 'login_failed')).toHaveLength(4);
    expect(actions).toContain('account_locked');
  });

  it('counts concurrent failures exactly (no lost update): 5 at once lock the account', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.anonymous().post('/api/auth/login', { username: u.username, password: 'Wrong@pass1' }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([401, 401, 401, 401, 423]);
    expect(
      (await t.anonymous().post('/api/auth/login', { username: u.username, password: TEST_PASSWORD })).statusCode,
    ).toBe(423);
  });

  it('refuses a disabled account with its own message once the password is right', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id });
    const admin = await buildUser(t.ctx, { unitId: region.region.id, roles: ['sysadmin'] });
    const agent = await t.login(admin.username);
    expect((await agent.patch(`/api/users/${u.id}`, { disabled: true })).statusCode).toBe(200);
    const res = await t.anonymous().post('/api/auth/login', { username: u.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('账号已停用，请联系系统管理员');
  });
});

describe('sessions', () => {
  it('401 without a session', async () => {
    const res = await t.anonymous().get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('expires after 30 idle minutes, not before', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id, roles: ['leader'] });
    const a = await t.login(u.username);
    t.clock.advanceMinutes(29);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(29);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const res = await a.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'SESSION_EXPIRED',
      message: '登录已过期（超过 30 分钟未操作），请重新登录',
    });
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('honours a configured idle timeout', async () => {
    const t2 = await createTestApp({ XIANFENG_SESSION_IDLE_MINUTES: '5' });
    try {
      const r = await buildRegion(t2.ctx);
      const u = await buildUser(t2.ctx, { unitId: r.region.id, roles: ['leader'] });
      const a = await t2.login(u.username);
      t2.clock.advanceMinutes(6);
      expect((await a.get('/api/auth/me')).json().message).toBe('登录已过期（超过 5 分钟未操作），请重新登录');
    } finally {
      await t2.close();
    }
  });

  it('logout ends the session', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id, roles: ['leader'] });
    const a = await t.login(u.username);
    const cookie = a.cookie;
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
    a.cookie = cookie;
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('403 for a state-changing request without the token, and with a wrong one', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id, roles: ['leader'] });
    const a = await t.login(u.username);
    const none = await a.post('/api/auth/logout', {}, { csrf: null });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toEqual({ code: 'CSRF', message: '请求缺少有效的安全令牌（CSRF），请刷新页面后重试' });
    expect((await a.post('/api/auth/logout', {}, { csrf: 'forged-token' })).statusCode).toBe(403);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
  });

  it('a token from another session does not work', async () => {
    const u1 = await buildUser(t.ctx, { unitId: region.townA.id, roles: ['leader'] });
    const u2 = await buildUser(t.ctx, { unitId: region.townA.id, roles: ['leader'] });
    const a1 = await t.login(u1.username);
    const a2 = await t.login(u2.username);
    expect((await a1.post('/api/auth/logout', {}, { csrf: a2.csrf ?? '' })).statusCode).toBe(403);
  });
});

describe('password change', () => {
  it('forces an initial password change before anything else', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id, roles: ['leader'], mustChangePassword: true });
    const a = await t.login(u.username);
    expect((await a.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await a.get('/api/orgs/tree');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await a.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toBe('新密码：密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类');
    const ok = await a.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'New@pass2026' });
    expect(ok.statusCode).toBe(200);
    expect((await a.get('/api/orgs/tree')).statusCode).toBe(200);
    expect(
      (await t.anonymous().post('/api/auth/login', { username: u.username, password: 'New@pass2026' })).statusCode,
    ).toBe(200);
  });
});
