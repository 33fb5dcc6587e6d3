import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, desc, eq } from 'drizzle-orm';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildUser } from './factories.js';
import { nextId, peopleWorld } from './people-helpers.js';
import { auditLog } from '../src/server/db/schema/index.js';
import { maskIdNumber } from '../src/shared/mask.js';
import { ADMIN_ROLES, ROLES } from '../src/shared/roles.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof peopleWorld>>;
let orgDept: Agent;
let secretaryA: Agent;
let secretaryB: Agent;
let commissioner: Agent;
beforeAll(async () => {
  t = await createTestApp();
  w = await peopleWorld(t);
  orgDept = await t.login(w.orgDept.username);
  secretaryA = await t.login(w.secretaryA.username);
  secretaryB = await t.login(w.secretaryB.username);
  commissioner = await t.login(w.commissioner.username);
});
beforeEach(() => t.clock.set('2026-11-23T02:00:00Z'));
afterAll(async () => t?.close());

async function newPerson(over: Record<string, unknown> = {}) {
  const idNumber = nextId();
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const res = await orgDept.post('/api/people', {
    name: '隐私甲',
    idNumber,
    phone,
    politicalStatus: 'masses',
    relationOrgUnitId: w.branchA.id,
    ...over,
  });
  expect(res.statusCode).toBe(200);
  return { ...(res.json() as { id: number; version: number }), idNumber, phone };
}

async function lastAudit(entityId: number | null, action: string) {
  const rows = await t.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'person'), eq(auditLog.action, action)))
    .orderBy(desc(auditLog.id));
  return rows.filter((r) => entityId === null || r.entityId === String(entityId));
}

describe('personal data: masked everywhere, revealed one field at a time', () => {
  it('lists, search results and details are masked for 组织部, 支部书记 and 项目专员 alike', async () => {
    const p = await newPerson({ name: '隐私乙' });
    for (const agent of [orgDept, secretaryA, commissioner]) {
      const byId = await agent.get(`/api/people?q=${p.idNumber}`);
      expect(byId.statusCode).toBe(200);
      expect(byId.json().data.map((x: { id: number }) => x.id)).toEqual([p.id]);
      const list = await agent.get('/api/people?pageSize=100');
      const detail = await agent.get(`/api/people/${p.id}`);
      for (const body of [byId.body, list.body, detail.body]) {
        expect(body).not.toContain(p.idNumber);
        expect(body).not.toContain(p.phone);
      }
      expect(detail.json().idNumber).toBe(maskIdNumber(p.idNumber));
      expect(detail.json().phone).toBe(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
    }
  });

  it('查看 needs people.reveal and a reason of 5+ characters; the value is shown once and audited', async () => {
    const p = await newPerson({ name: '隐私丙' });
    const url = `/api/people/${p.id}/reveal`;
    const short = await orgDept.post(url, { field: 'idNumber', reason: '工作需要' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toBe('理由：至少需要 5 个字符');
    expect((await orgDept.post(url, { field: 'idNumber' })).json().message).toBe('理由：必填');
    expect((await commissioner.post(url, { field: 'idNumber', reason: '核对组织关系转接' })).statusCode).toBe(403);
    expect((await secretaryB.post(url, { field: 'idNumber', reason: '核对组织关系转接' })).statusCode).toBe(404);

    const before = (await lastAudit(p.id, 'reveal')).length;
    const res = await orgDept.post(url, { field: 'idNumber', reason: '核对组织关系转接' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ field: 'idNumber', value: p.idNumber });
    const phone = await secretaryA.post(url, { field: 'phone', reason: '通知参加组织生活' });
    expect(phone.json()).toEqual({ field: 'phone', value: p.phone });

    const rows = await lastAudit(p.id, 'reveal');
    expect(rows.length).toBe(before + 2);
    expect(rows[1]).toMatchObject({ actorId: w.orgDept.id, entityId: String(p.id) });
    expect(rows[1]!.after).toEqual({
      field: 'idNumber',
      fieldLabel: '身份证号',
      reason: '核对组织关系转接',
      name: '隐私丙',
    });
    expect(rows[0]).toMatchObject({ actorId: w.secretaryA.id, after: { field: 'phone', reason: '通知参加组织生活' } });
    expect(JSON.stringify(rows)).not.toContain(p.idNumber);
  });

  it('a person without a phone answers 422; no 三员 role ever holds people.reveal', async () => {
    const p = await newPerson({ name: '隐私丁', phone: null });
    const res = await orgDept.post(`/api/people/${p.id}/reveal`, { field: 'phone', reason: '通知参加组织生活' });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('手机号：该人员未登记');
    for (const role of ADMIN_ROLES) expect(ROLES[role].permissions).not.toContain('people.reveal');
    const sys = await buildUser(t.ctx, { unitId: w.region.id, roles: ['sysadmin'] });
    const agent = await t.login(sys.username);
    const refused = await agent.post(`/api/people/${p.id}/reveal`, { field: 'idNumber', reason: '系统维护核对数据' });
    expect(refused.statusCode).toBe(403);
  });

  it('reading a person’s detail leaves an audit row naming the reader', async () => {
    const p = await newPerson({ name: '隐私戊' });
    expect(await lastAudit(p.id, 'read')).toHaveLength(0);
    expect((await commissioner.get(`/api/people/${p.id}`)).statusCode).toBe(200);
    const rows = await lastAudit(p.id, 'read');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: w.commissioner.id, entity: 'person', entityId: String(p.id) });
    expect(rows[0]!.requestId).toBeTruthy();
    // out of scope: 404 and no row
    expect((await secretaryB.get(`/api/people/${p.id}`)).statusCode).toBe(404);
    expect(await lastAudit(p.id, 'read')).toHaveLength(1);
  });

  it('every export is masked and audited with its filters (an ID typed in the search masked) and row count', async () => {
    const p = await newPerson({ name: '隐私己' });
    const res = await orgDept.get(`/api/people/export?q=${p.idNumber}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    expect(cells).toContain(maskIdNumber(p.idNumber));
    expect(cells).not.toContain(p.idNumber);
    expect(cells).not.toContain(p.phone);
    const [row] = await lastAudit(null, 'export');
    expect(row).toMatchObject({ actorId: w.orgDept.id, entityId: null });
    expect(row!.after).toEqual({ filters: { q: maskIdNumber(p.idNumber), sort: 'name' }, count: 1, masked: true });

    const all = await secretaryA.get('/api/people/export?politicalStatus=masses');
    expect(all.statusCode).toBe(200);
    const [second] = await lastAudit(null, 'export');
    expect(second).toMatchObject({ actorId: w.secretaryA.id });
    expect((second!.after as { filters: unknown; count: number }).filters).toEqual({
      politicalStatus: 'masses',
      sort: 'name',
    });
    expect((second!.after as { count: number }).count).toBeGreaterThanOrEqual(1);
  });
});

describe('political status changes only through the pipeline', () => {
  it('PATCH with another 政治面貌 is refused with a message pointing to 发展流程; the same value passes', async () => {
    const p = await newPerson({ name: '群众甲' });
    const res = await secretaryA.patch(`/api/people/${p.id}`, { version: p.version, politicalStatus: 'full' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION',
      message:
        '政治面貌：不能直接修改，请通过发展流程（发展党员：递交申请、确定积极分子、列为发展对象、接收预备党员、转正）登记',
    });
    const after = (await secretaryA.get(`/api/people/${p.id}`)).json();
    expect(after).toMatchObject({ politicalStatus: 'masses', version: p.version });
    const same = await secretaryA.patch(`/api/people/${p.id}`, {
      version: p.version,
      politicalStatus: 'masses',
      job: '电工',
    });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ politicalStatus: 'masses', job: '电工' });
  });
});
