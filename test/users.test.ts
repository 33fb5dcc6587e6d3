import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog, users } from '../src/server/db/schema/index.js';
import { queryRows } from '../src/server/db/client.js';
import { createTestApp, type TestApp, type Agent } from './test-app.js';
import { buildRegion, buildUser, uid } from './factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let b: Awaited<ReturnType<typeof buildRegion>>;
let adminA: Agent;

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRegion(t.ctx);
  b = await buildRegion(t.ctx);
  const admin = await buildUser(t.ctx, { unitId: a.region.id, roles: ['sysadmin'] });
  adminA = await t.login(admin.username);
});
afterAll(async () => t?.close());

describe('users', () => {
  it('401 unauthenticated', async () => {
    expect((await t.anonymous().get('/api/users')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/users', {})).statusCode).toBe(401);
  });

  it('400 with the exact message for a weak initial password and a bad username', async () => {
    const weak = await adminA.post('/api/users', {
      username: uid('n'),
      displayName: '张三',
      scopeUnitId: a.townA.id,
      password: 'abcdefgh',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toBe('密码：密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类');
    const bad = await adminA.post('/api/users', {
      username: '1x',
      displayName: '',
      scopeUnitId: a.townA.id,
      password: 'Good@pass1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('用户名：至少需要 3 个字符；用户名：格式不正确；姓名：必填');
  });

  it('404 for a user or unit outside the actor’s subtree', async () => {
    const other = await buildUser(t.ctx, { unitId: b.townA.id });
    expect((await adminA.get(`/api/users/${other.id}`)).statusCode).toBe(404);
    expect((await adminA.patch(`/api/users/${other.id}`, { displayName: '改名' })).statusCode).toBe(404);
    const res = await adminA.post('/api/users', {
      username: uid('n'),
      displayName: '李四',
      scopeUnitId: b.townA.id,
      password: 'Good@pass1',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('所属单位不存在或无权查看');
    const list = (await adminA.get('/api/users?pageSize=200')).json();
    expect(list.data.map((u: { id: number }) => u.id)).not.toContain(other.id);
  });

  it('a township administrator sees only its township', async () => {
    const townAdmin = await buildUser(t.ctx, { unitId: a.townB.id, roles: ['sysadmin'] });
    const inA = await buildUser(t.ctx, { unitId: a.townA.id });
    const agent = await t.login(townAdmin.username);
    expect((await agent.get(`/api/users/${inA.id}`)).statusCode).toBe(404);
    const list = (await agent.get('/api/users')).json();
    expect(list.data.every((u: { scopeUnit: { id: number } }) => u.scopeUnit.id === a.townB.id)).toBe(true);
  });

  it('creates a user: phone encrypted at rest, masked on output, audited in the same transaction', async () => {
    const username = uid('n');
    const res = await adminA.post('/api/users', {
      username,
      displayName: '张三',
      scopeUnitId: a.townA.id,
      phone: '13912345678',
      password: 'Good@pass1',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      username,
      phone: '139****5678',
      mustChangePassword: true,
      status: 'active',
      roles: [],
    });
    const raw = await queryRows<Record<string, unknown>>(
      t.ctx.db,
      sql`select * from users where username = ${username}`,
    );
    expect(JSON.stringify(raw)).not.toContain('13912345678');
    expect(String(raw[0]?.phone_enc)).toMatch(/^v1:/);
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(body.id)));
    expect(audit).toMatchObject({ entity: 'user', action: 'create' });
    expect(JSON.stringify(audit?.after)).not.toContain('13912345678');
    const dup = await adminA.post('/api/users', {
      username,
      displayName: '张三',
      scopeUnitId: a.townA.id,
      password: 'Good@pass1',
    });
    expect(dup.statusCode).toBe(409);
  });

  it('finds users by pinyin initials and filters by role and status', async () => {
    const u = await buildUser(t.ctx, { unitId: a.townA.id, displayName: '欧阳修远', roles: ['leader'] });
    const byInitials = (await adminA.get('/api/users?q=oyxy')).json();
    expect(byInitials.data.map((x: { id: number }) => x.id)).toContain(u.id);
    const leaders = (await adminA.get('/api/users?role=leader&pageSize=200')).json();
    expect(
      leaders.data.every((x: { roles: Array<{ code: string }> }) => x.roles.some((r) => r.code === 'leader')),
    ).toBe(true);
    expect(leaders).toMatchObject({ page: 1, pageSize: 200, total: expect.any(Number) });
  });

  it('resets a password (must change next time) and unlocks', async () => {
    const u = await buildUser(t.ctx, { unitId: a.townA.id });
    for (let i = 0; i < 5; i++)
      await t.anonymous().post('/api/auth/login', { username: u.username, password: 'Wrong@pass1' });
    expect((await adminA.get(`/api/users/${u.id}`)).json().status).toBe('locked');
    expect((await adminA.get('/api/users?status=locked')).json().data.map((x: { id: number }) => x.id)).toContain(u.id);
    expect((await adminA.post(`/api/users/${u.id}/unlock`)).json().status).toBe('active');
    const reset = await adminA.post(`/api/users/${u.id}/reset-password`, { password: 'Temp@pass99' });
    expect(reset.json().mustChangePassword).toBe(true);
    const login = await t.anonymous().post('/api/auth/login', { username: u.username, password: 'Temp@pass99' });
    expect(login.json().user.mustChangePassword).toBe(true);
  });

  it('exports the filtered list as a real .xlsx with masked phones', async () => {
    await buildUser(t.ctx, { unitId: a.townA.id, displayName: '导出测试', phone: '13700001111' });
    const res = await adminA.get('/api/users/export?q=导出测试');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toContain('姓名');
    const row = ws.getRow(3).values as unknown[];
    expect(row).toContain('导出测试');
    expect(row).toContain('137****1111');
  });

  it('a failed write leaves nothing half-written (no user row, no audit row)', async () => {
    const before = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(users);
    const res = await adminA.post('/api/users', {
      username: uid('n'),
      displayName: '王五',
      scopeUnitId: 999999,
      password: 'Good@pass1',
    });
    expect(res.statusCode).toBe(404);
    const after = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});
