import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, userRoles, users } from '../src/server/db/schema/index.js';
import { breakGlassReset } from '../src/server/modules/auth/break-glass.js';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';

/** Every 三员 bypass the security review found: each refused, and nothing changed. */
let t: TestApp;
let r: Awaited<ReturnType<typeof buildRegion>>;
let sys: Agent;
let sec: Agent;
let sysId: number;
let secUser: Awaited<ReturnType<typeof buildUser>>;
let audUser: Awaited<ReturnType<typeof buildUser>>;

const PROTECTED = /^三员分立：不能修改、停用、解锁其他管理员账号/;
const TRIAD_ROLES = /^三员分立：管理员账号（系统管理员、安全管理员、审计管理员）的角色不能在系统内修改/;

beforeAll(async () => {
  t = await createTestApp();
  r = await buildRegion(t.ctx);
  const s = await buildUser(t.ctx, { unitId: r.region.id, roles: ['sysadmin'] });
  sysId = s.id;
  sys = await t.login(s.username);
  secUser = await buildUser(t.ctx, { unitId: r.region.id, roles: ['secadmin'] });
  sec = await t.login(secUser.username);
  audUser = await buildUser(t.ctx, { unitId: r.region.id, roles: ['auditor'] });
});
afterAll(async () => t?.close());

async function snapshot(id: number) {
  const [u] = await t.ctx.db.select().from(users).where(eq(users.id, id));
  const roles = (await t.ctx.db.select().from(userRoles).where(eq(userRoles.userId, id))).map((x) => x.roleCode).sort();
  return { ...u, roles };
}

async function auditRowsFor(entity: string, id: number) {
  return t.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(id))));
}

describe('the system administrator cannot touch another 三员 account', () => {
  it('cannot reset the security administrator’s password (so cannot log in as them)', async () => {
    const before = await snapshot(secUser.id);
    const res = await sys.post(`/api/users/${secUser.id}/reset-password`, { password: 'Taken@over2026' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(res.json().message).toMatch(PROTECTED);
    expect(await snapshot(secUser.id)).toEqual(before);
    expect(
      (await t.anonymous().post('/api/auth/login', { username: secUser.username, password: 'Taken@over2026' }))
        .statusCode,
    ).toBe(401);
    expect((await auditRowsFor('user', secUser.id)).map((x) => x.action)).not.toContain('reset_password');
  });

  it('cannot disable, rename or unlock the auditor, nor reset another system administrator', async () => {
    const other = await buildUser(t.ctx, { unitId: r.region.id, roles: ['sysadmin'] });
    const beforeAud = await snapshot(audUser.id);
    const beforeOther = await snapshot(other.id);
    for (const res of [
      await sys.patch(`/api/users/${audUser.id}`, { disabled: true }),
      await sys.patch(`/api/users/${audUser.id}`, { displayName: '改名' }),
      await sys.post(`/api/users/${audUser.id}/unlock`),
      await sys.post(`/api/users/${other.id}/reset-password`, { password: 'Taken@over2026' }),
      await sys.patch(`/api/users/${other.id}`, { disabled: true }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(PROTECTED);
    }
    expect(await snapshot(audUser.id)).toEqual(beforeAud);
    expect(await snapshot(other.id)).toEqual(beforeOther);
  });

  it('cannot reset its own password through the reset endpoint (it uses 修改密码)', async () => {
    const res = await sys.post(`/api/users/${sysId}/reset-password`, { password: 'Taken@over2026' });
    expect(res.statusCode).toBe(403);
  });

  it('still edits its own display name, and business users as before', async () => {
    expect((await sys.patch(`/api/users/${sysId}`, { displayName: '系统管理员甲' })).statusCode).toBe(200);
    const biz = await buildUser(t.ctx, { unitId: r.townA.id, roles: ['leader'] });
    expect((await sys.post(`/api/users/${biz.id}/reset-password`, { password: 'Fresh@pass2026' })).statusCode).toBe(
      200,
    );
  });
});

describe('roles: no 三员 account is re-roled in the system, no business user becomes one', () => {
  it('the security administrator cannot turn the only auditor into a business user', async () => {
    const before = await snapshot(audUser.id);
    for (const roles of [['leader'], [], ['auditor', 'leader'], ['secadmin']]) {
      const res = await sec.put(`/api/users/${audUser.id}/roles`, { roles });
      expect(res.statusCode, JSON.stringify(roles)).toBe(403);
      expect(res.json().message).toMatch(TRIAD_ROLES);
    }
    expect(await snapshot(audUser.id)).toEqual(before);
    expect((await auditRowsFor('user_roles', audUser.id)).length).toBe(0);
  });

  it('no business role for another security or system administrator either', async () => {
    const otherSec = await buildUser(t.ctx, { unitId: r.region.id, roles: ['secadmin'] });
    const res = await sec.put(`/api/users/${otherSec.id}/roles`, { roles: ['secadmin', 'org_dept'] });
    expect(res.statusCode).toBe(403);
    const res2 = await sec.put(`/api/users/${sysId}/roles`, { roles: ['org_dept'] });
    expect(res2.statusCode).toBe(403);
    expect((await snapshot(otherSec.id)).roles).toEqual(['secadmin']);
    expect((await snapshot(sysId)).roles).toEqual(['sysadmin']);
  });

  it('a business user cannot be turned into a 三员 account', async () => {
    const biz = await buildUser(t.ctx, { unitId: r.townA.id, roles: ['commissioner'] });
    for (const roles of [['sysadmin'], ['auditor'], ['secadmin', 'commissioner']]) {
      const res = await sec.put(`/api/users/${biz.id}/roles`, { roles });
      expect(res.statusCode, JSON.stringify(roles)).toBe(409);
      expect(res.json().code).toBe('SEPARATION_OF_DUTIES');
    }
    expect((await sec.put(`/api/users/${biz.id}/roles`, { roles: ['sysadmin'] })).json().message).toBe(
      '三员分立：业务用户不能改为管理员账号，请为管理员另建专用账号',
    );
    expect((await snapshot(biz.id)).roles).toEqual(['commissioner']);
  });

  it('the security administrator cannot elevate itself', async () => {
    const res = await sec.put(`/api/users/${secUser.id}/roles`, { roles: ['secadmin', 'org_dept'] });
    expect(res.statusCode).toBe(409);
    expect((await snapshot(secUser.id)).roles).toEqual(['secadmin']);
  });

  it('a sysadmin-made account given a business role cannot then be made a 三员 (and vice versa)', async () => {
    const created = await sys.post('/api/users', {
      username: 'helper01',
      displayName: '协助',
      scopeUnitId: r.townA.id,
      password: 'Start@pass2026',
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().id as number;
    expect((await sec.put(`/api/users/${id}/roles`, { roles: ['leader'] })).statusCode).toBe(200);
    expect((await sec.put(`/api/users/${id}/roles`, { roles: ['auditor'] })).statusCode).toBe(409);
    expect((await snapshot(id)).roles).toEqual(['leader']);
  });
});

describe('scope is a grant', () => {
  it('the system administrator cannot move a firm user’s scope to the whole region', async () => {
    const firmUser = await buildUser(t.ctx, { unitId: r.firm.id, roles: ['firm_contact'] });
    const before = await snapshot(firmUser.id);
    const res = await sys.patch(`/api/users/${firmUser.id}`, { scopeUnitId: r.region.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe(
      '数据范围（所属单位）决定用户能看到哪些数据，属于授权，只能由安全管理员在“角色授权”中调整',
    );
    expect(await snapshot(firmUser.id)).toEqual(before);
    const viaGrant = await sys.put(`/api/users/${firmUser.id}/scope`, { scopeUnitId: r.region.id });
    expect(viaGrant.statusCode).toBe(403);
    expect(await snapshot(firmUser.id)).toEqual(before);
    // The edit form sends the unchanged scope back with other fields: still fine.
    expect((await sys.patch(`/api/users/${firmUser.id}`, { scopeUnitId: r.firm.id, title: '联络员' })).statusCode).toBe(
      200,
    );
  });

  it('the security administrator changes a scope, and the change is audited as a grant', async () => {
    const u = await buildUser(t.ctx, { unitId: r.firm.id, roles: ['firm_contact'] });
    const res = await sec.put(`/api/users/${u.id}/scope`, { scopeUnitId: r.townA.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().scopeUnit.id).toBe(r.townA.id);
    const [row] = await auditRowsFor('user_scope', u.id);
    expect(row).toMatchObject({
      action: 'grant_scope',
      actorName: secUser.username,
      before: { scopeUnitId: r.firm.id },
      after: { scopeUnitId: r.townA.id },
    });
  });

  it('never a 三员 account’s scope, nor one’s own; an unknown unit is 404', async () => {
    const before = await snapshot(audUser.id);
    expect((await sec.put(`/api/users/${audUser.id}/scope`, { scopeUnitId: r.townA.id })).statusCode).toBe(403);
    expect(await snapshot(audUser.id)).toEqual(before);
    const own = await sec.put(`/api/users/${secUser.id}/scope`, { scopeUnitId: r.townA.id });
    expect(own.statusCode).toBe(409);
    expect(own.json().message).toBe('不能修改自己的数据范围');
    const u = await buildUser(t.ctx, { unitId: r.firm.id });
    const missing = await sec.put(`/api/users/${u.id}/scope`, { scopeUnitId: 999_999 });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('数据范围（所属单位）不存在或无权查看');
  });
});

describe('the break-glass on the server (npm run admin:reset)', () => {
  it('resets a 三员 password, restores its role, unlocks it and writes one audit row', async () => {
    const victim = await buildUser(t.ctx, { unitId: r.region.id, roles: ['auditor'] });
    // As if someone with database access had stripped the role and disabled the account.
    await t.ctx.db.delete(userRoles).where(eq(userRoles.userId, victim.id));
    await t.ctx.db.update(users).set({ disabled: true }).where(eq(users.id, victim.id));
    const res = await breakGlassReset(t.ctx, { username: victim.username, role: 'auditor', operator: 'ops@host' });
    expect(res).toMatchObject({ rolesBefore: [], rolesAfter: ['auditor'], wasDisabled: true });
    expect(res.temporaryPassword).toMatch(/^.{16}$/);
    const after = await snapshot(victim.id);
    expect(after).toMatchObject({ roles: ['auditor'], disabled: false, mustChangePassword: true });
    const login = await t.anonymous().post('/api/auth/login', {
      username: victim.username,
      password: res.temporaryPassword,
    });
    expect(login.statusCode).toBe(200);
    const rows = (await auditRowsFor('user', victim.id)).filter((x) => x.action === 'break_glass');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorName: 'server:admin-reset (ops@host)',
      before: { roles: [] },
      after: { roles: ['auditor'], passwordReset: true },
    });
  });

  it('refuses a business user without --role, and a password with the username in it', async () => {
    const biz = await buildUser(t.ctx, { unitId: r.townA.id, roles: ['leader'] });
    await expect(breakGlassReset(t.ctx, { username: biz.username, operator: 'ops' })).rejects.toThrow(
      /is not an administrator account/,
    );
    await expect(
      breakGlassReset(t.ctx, {
        username: secUser.username,
        password: `${secUser.username.toUpperCase()}@x1`,
        operator: 'ops',
      }),
    ).rejects.toThrow(/must not contain the username/);
    expect(
      (await t.anonymous().post('/api/auth/login', { username: secUser.username, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
  });
});
