import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';
import { COMMON_PASSWORDS } from '../src/shared/common-passwords.js';

let t: TestApp;
let r: Awaited<ReturnType<typeof buildRegion>>;
let sys: Agent;

beforeAll(async () => {
  t = await createTestApp();
  r = await buildRegion(t.ctx);
  sys = await t.login((await buildUser(t.ctx, { unitId: r.region.id, roles: ['sysadmin'] })).username);
});
afterAll(async () => t?.close());

describe('password rules beyond length and classes', () => {
  it('ships a short list with the Chinese favourites', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(150);
    for (const pw of ['123456', 'a123456', 'woaini1314', 'qwerty', 'password', 'admin123', 'aa123456', '1qaz2wsx'])
      expect(COMMON_PASSWORDS.has(pw), pw).toBe(true);
  });

  it('a new account: the username inside the password (any case) and a common password are refused', async () => {
    const base = { displayName: '张三', scopeUnitId: r.townA.id };
    const withName = await sys.post('/api/users', { ...base, username: 'zhangsan', password: 'ZhangSan@2026' });
    expect(withName.statusCode).toBe(400);
    expect(withName.json()).toMatchObject({ code: 'VALIDATION', message: '密码：密码不能包含用户名' });
    for (const pw of ['Aa123456', 'P@ssw0rd', 'Admin@123', '1qaz@WSX']) {
      const res = await sys.post('/api/users', { ...base, username: 'zhangsan', password: pw });
      expect(res.statusCode, pw).toBe(400);
      expect(res.json().message).toBe('密码：密码过于常见（属于常用弱密码），容易被猜中，请换一个');
    }
    expect((await sys.get('/api/users?q=zhangsan')).json().total).toBe(0);
    expect(
      (await sys.post('/api/users', { ...base, username: 'zhangsan', password: 'Qing#shan2026' })).statusCode,
    ).toBe(200);
  });

  it('a reset and one’s own change follow the same rules', async () => {
    const u = await buildUser(t.ctx, { unitId: r.townA.id, roles: ['leader'], username: 'lisi2026' });
    const reset = await sys.post(`/api/users/${u.id}/reset-password`, { password: 'LISI2026@abc' });
    expect(reset.json().message).toBe('密码：密码不能包含用户名');
    const a = await t.login(u.username);
    const own = await a.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Woaini@1314' });
    expect(own.statusCode).toBe(400);
    expect(own.json().message).toBe('新密码：密码过于常见（属于常用弱密码），容易被猜中，请换一个');
    expect(
      (await a.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Hai#tang77' })).statusCode,
    ).toBe(200);
  });
});

describe('HSTS', () => {
  it('is not sent when cookies are not Secure (plain-HTTP test and demo installs)', async () => {
    const res = await t.anonymous().get('/api/auth/setup');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('is sent on every answer when cookies are Secure', async () => {
    const t2 = await createTestApp({ XIANFENG_COOKIE_SECURE: 'true' });
    try {
      for (const url of ['/api/auth/setup', '/api/auth/me', '/healthz'])
        expect((await t2.anonymous().get(url)).headers['strict-transport-security']).toBe(
          'max-age=31536000; includeSubDomains',
        );
    } finally {
      await t2.close();
    }
  });
});
