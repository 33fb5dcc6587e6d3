import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type Agent } from './test-app.js';
import { buildRegion, buildUser, uid } from './factories.js';

/** 三员分立: system, security and audit administrators each do only their own job. */
let t: TestApp;
let r: Awaited<ReturnType<typeof buildRegion>>;
let sys: Agent;
let sec: Agent;
let aud: Agent;
let secId: number;

beforeAll(async () => {
  t = await createTestApp();
  r = await buildRegion(t.ctx);
  sys = await t.login((await buildUser(t.ctx, { unitId: r.region.id, roles: ['sysadmin'] })).username);
  const s = await buildUser(t.ctx, { unitId: r.region.id, roles: ['secadmin'] });
  secId = s.id;
  sec = await t.login(s.username);
  aud = await t.login((await buildUser(t.ctx, { unitId: r.region.id, roles: ['auditor'] })).username);
});
afterAll(async () => t?.close());

describe('三员分立', () => {
  it('the system administrator manages users but cannot grant roles, read the audit log or business data', async () => {
    expect((await sys.get('/api/users')).statusCode).toBe(200);
    expect((await sys.get('/api/audit')).statusCode).toBe(403);
    const target = await buildUser(t.ctx, { unitId: r.townA.id });
    const grant = await sys.put(`/api/users/${target.id}/roles`, { roles: ['leader'] });
    expect(grant.statusCode).toBe(403);
    expect(grant.json()).toEqual({ code: 'FORBIDDEN', message: '没有执行此操作的权限' });
    expect((await sys.get('/api/orgs/tree')).statusCode).toBe(403);
  });

  it('the security administrator grants roles but cannot create users or read the audit log', async () => {
    expect(
      (
        await sec.post('/api/users', {
          username: uid('n'),
          displayName: '某',
          scopeUnitId: r.townA.id,
          password: 'Good@pass1',
        })
      ).statusCode,
    ).toBe(403);
    expect((await sec.get('/api/audit')).statusCode).toBe(403);
    const target = await buildUser(t.ctx, { unitId: r.townA.id });
    const res = await sec.put(`/api/users/${target.id}/roles`, { roles: ['leader', 'commissioner'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles.map((x: { code: string }) => x.code)).toEqual(['commissioner', 'leader']);
  });

  it('the audit administrator reads the audit log only', async () => {
    expect((await aud.get('/api/audit')).statusCode).toBe(200);
    expect((await aud.get('/api/users')).statusCode).toBe(403);
    expect((await aud.put(`/api/users/${secId}/roles`, { roles: [] })).statusCode).toBe(403);
    expect((await aud.get('/api/orgs/tree')).statusCode).toBe(403);
  });

  it('no user holds two administrator roles, nor one with a business role', async () => {
    const target = await buildUser(t.ctx, { unitId: r.townA.id });
    const two = await sec.put(`/api/users/${target.id}/roles`, { roles: ['sysadmin', 'auditor'] });
    expect(two.statusCode).toBe(409);
    expect(two.json()).toEqual({
      code: 'SEPARATION_OF_DUTIES',
      message: '三员分立：系统管理员、安全管理员、审计管理员不能由同一人兼任',
    });
    const mixed = await sec.put(`/api/users/${target.id}/roles`, { roles: ['auditor', 'leader'] });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().message).toBe('三员分立：管理员账号不能同时拥有业务角色');
    expect((await sec.put(`/api/users/${target.id}/roles`, { roles: ['auditor'] })).statusCode).toBe(200);
  });

  it('nobody changes their own roles', async () => {
    const res = await sec.put(`/api/users/${secId}/roles`, { roles: ['secadmin', 'leader'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('不能修改自己的角色');
  });

  it('grants are audited with the roles before and after', async () => {
    const target = await buildUser(t.ctx, { unitId: r.townA.id, roles: ['leader'] });
    await sec.put(`/api/users/${target.id}/roles`, { roles: ['secretary'] });
    const log = (await aud.get(`/api/audit?entity=user_roles&entityId=${target.id}`)).json();
    expect(log.data[0]).toMatchObject({
      action: 'grant',
      actionZh: '授权',
      before: { roles: ['leader'] },
      after: { roles: ['secretary'] },
    });
  });
});
