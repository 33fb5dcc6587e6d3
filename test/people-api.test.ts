import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUnit, buildUser } from './factories.js';
import { nextId, peopleWorld } from './people-helpers.js';
import { maskIdNumber } from '../src/shared/mask.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof peopleWorld>>;
let orgDept: Agent;
let commissioner: Agent;
beforeAll(async () => {
  t = await createTestApp();
  w = await peopleWorld(t);
  orgDept = await t.login(w.orgDept.username);
  commissioner = await t.login(w.commissioner.username);
});
afterAll(async () => t?.close());

const person = (over: Record<string, unknown> = {}) => ({
  name: '张三',
  idNumber: nextId(),
  phone: '13800138000',
  politicalStatus: 'full',
  relationOrgUnitId: w.branchA.id,
  employerName: '东临建设',
  isWorker: true,
  ...over,
});

describe('people API', () => {
  it('401 without a session', async () => {
    expect((await t.anonymous().get('/api/people')).statusCode).toBe(401);
  });

  it('400 with the exact message for a bad ID checksum; the ID is validated before anything is written', async () => {
    const id = nextId();
    const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const res = await orgDept.post('/api/people', person({ idNumber: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('身份证号：校验位不正确');
    const missing = await orgDept.post('/api/people', person({ name: '' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/^姓名：/);
  });

  it('masks ID and phone for every role, org_dept included; birth date and gender come from the ID', async () => {
    const idNumber = nextId();
    const created = await orgDept.post('/api/people', person({ name: '李四', idNumber, phone: '13912345678' }));
    expect(created.statusCode).toBe(200);
    const own = created.json();
    expect(own.idNumber).toBe(maskIdNumber(idNumber));
    expect(own.phone).toBe('139****5678');
    expect(own.canReveal).toBe(true);
    expect(own.birthDate).toBe(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`);
    expect(own.gender).toBe(Number(idNumber[16]) % 2 ? 'male' : 'female');
    const masked = (await commissioner.get(`/api/people/${own.id}`)).json();
    expect(masked.idNumber).toBe(maskIdNumber(idNumber));
    expect(masked.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(masked.phone).toBe('139****5678');
    expect(masked.canReveal).toBe(false);
    const list = (await commissioner.get(`/api/people?q=${idNumber}`)).json();
    expect(list.total).toBe(1);
    expect(list.data[0].idNumber).toBe(maskIdNumber(idNumber));
    expect(JSON.stringify(list)).not.toContain(idNumber);
  });

  it('409 for a duplicate ID number, naming nothing sensitive', async () => {
    const idNumber = nextId();
    expect((await orgDept.post('/api/people', person({ name: '王五', idNumber }))).statusCode).toBe(200);
    const dup = await orgDept.post('/api/people', person({ name: '赵六', idNumber, relationOrgUnitId: w.branchB.id }));
    expect(dup.statusCode).toBe(409);
    expect(dup.body).not.toContain(idNumber);
    expect(dup.body).not.toContain('王五');
    expect(dup.json().message).toBe('身份证号：已有人员登记了该身份证号');
  });

  it('searches by pinyin initials, full pinyin and name prefix; filters by status, flags, org subtree', async () => {
    const a = (
      await orgDept.post(
        '/api/people',
        person({ name: '周小松', politicalStatus: 'probationary', isTalent: true, relationOrgUnitId: w.branchB.id }),
      )
    ).json();
    const ids = async (q: string) =>
      ((await orgDept.get(`/api/people?pageSize=200&${q}`)).json().data as Array<{ id: number }>).map((p) => p.id);
    expect(await ids('q=zxs')).toContain(a.id);
    expect(await ids('q=zhouxiao')).toContain(a.id);
    expect(await ids('q=ZXS')).toContain(a.id);
    expect(await ids('q=周小')).toContain(a.id);
    expect(await ids('q=xs')).not.toContain(a.id);
    expect(await ids('q=zxs&politicalStatus=probationary&talent=true')).toEqual([a.id]);
    expect(await ids(`q=zxs&orgId=${w.townA.id}`)).toEqual([]);
    expect(await ids(`q=zxs&orgId=${w.townB.id}`)).toEqual([a.id]);
    const page = (await orgDept.get('/api/people?pageSize=2&page=1')).json();
    expect(page).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(3);
  });

  it('lists by pinyin (no ICU needed), newest first on request', async () => {
    const branch = await buildUnit(t.ctx, { parentId: w.townB.id, kind: 'branch' });
    for (const name of ['赵一', '安二', '陈三', '白四'])
      expect((await orgDept.post('/api/people', person({ name, relationOrgUnitId: branch.id }))).statusCode).toBe(200);
    const names = async (q: string) =>
      ((await orgDept.get(`/api/people?orgId=${branch.id}&${q}`)).json().data as Array<{ name: string }>).map(
        (p) => p.name,
      );
    expect(await names('sort=name')).toEqual(['安二', '白四', '陈三', '赵一']);
    expect(await names('sort=recent')).toEqual(['白四', '陈三', '安二', '赵一']);
    expect(await names('sort=name&page=2&pageSize=3')).toEqual(['赵一']);
  });

  it('out of scope reads as 404 and is never listed', async () => {
    const other = await buildRegion(t.ctx);
    const stranger = await buildUser(t.ctx, { unitId: other.region.id, roles: ['org_dept'] });
    const s = await t.login(stranger.username);
    const p = (await orgDept.post('/api/people', person({ name: '孙七' }))).json();
    expect((await s.get(`/api/people/${p.id}`)).statusCode).toBe(404);
    expect((await s.patch(`/api/people/${p.id}`, { version: 0, job: 'x' })).statusCode).toBe(404);
    expect((await s.get('/api/people?q=sq')).json().total).toBe(0);
    // a secretary of branch B sees B's people only
    const secB = await t.login(w.secretaryB.username);
    expect((await secB.get(`/api/people/${p.id}`)).statusCode).toBe(404);
    // creating a person in someone else's org is 404 too
    const otherBranch = await buildUnit(t.ctx, { parentId: other.townA.id, kind: 'branch' });
    expect((await orgDept.post('/api/people', person({ relationOrgUnitId: otherBranch.id }))).statusCode).toBe(404);
  });

  it('updates with an optimistic version (stale → 409) and audits without clear values', async () => {
    const idNumber = nextId();
    const p = (await orgDept.post('/api/people', person({ name: '钱八', idNumber }))).json();
    const ok = await orgDept.patch(`/api/people/${p.id}`, { version: p.version, job: '钢筋工', phone: '13700001111' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ job: '钢筋工', phone: '137****1111', version: p.version + 1 });
    expect((await orgDept.patch(`/api/people/${p.id}`, { version: p.version, job: '木工' })).statusCode).toBe(409);
    const audit = await t.ctx.db.execute(
      sql`select coalesce(string_agg(a::text, ''), '') as s from audit_log a where entity = 'person' and entity_id = ${String(p.id)}`,
    );
    const text = (audit as unknown as { rows: Array<{ s: string }> }).rows?.[0]?.s ?? '';
    expect(text).toContain('钢筋工');
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('13700001111');
  });

  it('flows: away under 6 months needs a certificate, 6 months or more → transfer due', async () => {
    const p = (await orgDept.post('/api/people', person({ name: '吴九' }))).json();
    const short = await orgDept.post(`/api/people/${p.id}/flow`, {
      flow: 'out',
      flowSince: '2026-08-01',
      flowPlace: '广东深圳',
      flowCertificate: false,
      version: p.version,
    });
    expect(short.statusCode).toBe(200);
    expect(short.json().flowWarning).toEqual({
      code: 'certificate_needed',
      text: '自2026-08-01外出不满6个月，应持流动党员活动证（2027-02-01满6个月）',
    });
    const long = await orgDept.post(`/api/people/${p.id}/flow`, {
      flow: 'out',
      flowSince: '2026-05-01',
      flowPlace: '广东深圳',
      flowCertificate: true,
      version: short.json().version,
    });
    expect(long.json().flowWarning.code).toBe('transfer_due');
    // the timeline is in date order: the flows are dated by their since date, before the registration
    expect(long.json().timeline.map((e: { kind: string; on: string }) => `${e.kind}@${e.on}`)).toEqual([
      'flow@2026-05-01',
      'flow@2026-08-01',
      'registered@2026-11-23',
    ]);
    expect((await orgDept.get('/api/people?flow=out&q=wj')).json().data.map((x: { id: number }) => x.id)).toContain(
      p.id,
    );
  });

  it('dual management: participation in another org with a role, ended later', async () => {
    const p = (await orgDept.post('/api/people', person({ name: '郑十' }))).json();
    const added = await orgDept.post(`/api/people/${p.id}/participations`, {
      orgUnitId: w.branchB.id,
      role: 'committee_member',
      since: '2026-03-01',
    });
    expect(added.statusCode).toBe(200);
    const part = added.json().participations[0];
    expect(part).toMatchObject({ org: { id: w.branchB.id }, role: 'committee_member', until: null });
    expect(
      (await orgDept.post(`/api/people/${p.id}/participations`, { orgUnitId: w.branchB.id, since: '2026-03-02' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await orgDept.post(`/api/people/${p.id}/participations`, { orgUnitId: w.branchA.id, since: '2026-03-02' }))
        .statusCode,
    ).toBe(400);
    const ended = await orgDept.post(`/api/people/${p.id}/participations/${part.id}/end`, { until: '2026-10-01' });
    expect(ended.json().participations[0].until).toBe('2026-10-01');
  });

  it('exports the list as xlsx with IDs masked even for org_dept', async () => {
    const idNumber = nextId();
    await orgDept.post('/api/people', person({ name: '冯十一', idNumber }));
    const res = await orgDept.get('/api/people/export?q=fsy');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const cells = ws.getSheetValues().flat().map(String);
    expect(cells).toContain('冯十一');
    expect(cells).toContain(maskIdNumber(idNumber));
    expect(cells.join('|')).not.toContain(idNumber);
    expect((await commissioner.get('/api/people/export')).statusCode).toBe(403);
  });

  it('ID numbers are unreadable in a raw dump of the database', async () => {
    const idNumber = nextId();
    const phone = '13655556666';
    const p = (await orgDept.post('/api/people', person({ name: '陈十二', idNumber, phone }))).json();
    await orgDept.patch(`/api/people/${p.id}`, { version: p.version, job: '电工' });
    const rows = await t.ctx.db.execute(sql`select coalesce(string_agg(p::text, E'\n'), '') as s from people p`);
    const dump = (rows as unknown as { rows: Array<{ s: string }> }).rows[0]!.s;
    expect(dump).toContain('陈十二');
    expect(dump).toContain(maskIdNumber(idNumber));
    expect(dump).not.toContain(idNumber);
    expect(dump).not.toContain(phone);
    for (const table of ['audit_log', 'person_events', 'notifications']) {
      const r = await t.ctx.db.execute(
        sql.raw(`select coalesce(string_agg(x::text, E'\\n'), '') as s from ${table} x`),
      );
      expect((r as unknown as { rows: Array<{ s: string }> }).rows[0]!.s).not.toContain(idNumber);
    }
    const pglite = t.db.database.pglite;
    if (pglite) {
      await pglite.query('checkpoint');
      const file = await pglite.dumpDataDir('none');
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(bytes.includes(Buffer.from('陈十二'))).toBe(true);
      expect(bytes.includes(Buffer.from(idNumber))).toBe(false);
      expect(bytes.includes(Buffer.from(phone))).toBe(false);
    }
  });
});
