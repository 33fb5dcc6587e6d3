import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../src/server/db/schema/index.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUnit, buildUser, uid } from './factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let zzb: Agent;
let zj: Agent;
let zrzy: Agent;

type Item = {
  id: number;
  code: string;
  version: number;
  timing: { status: string; usedDays: number | null; dueOn: string | null; overDays: number };
  documents: Array<{ name: string; provided: boolean }>;
  canHandle: boolean;
};
type Chart = {
  items: Item[];
  phases: Array<{ phase: string; targetDays: number; usedDays: number; submitted: number }>;
};

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRegion(t.ctx);
  const zjUnit = await buildUnit(t.ctx, { parentId: a.region.id, kind: 'department', name: '住房和城乡建设局' });
  const zrzyUnit = await buildUnit(t.ctx, { parentId: a.region.id, kind: 'department', name: '自然资源局' });
  zzb = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] })).username);
  zj = await t.login((await buildUser(t.ctx, { unitId: zjUnit.id, roles: ['dept_handler'] })).username);
  zrzy = await t.login((await buildUser(t.ctx, { unitId: zrzyUnit.id, roles: ['dept_handler'] })).username);
});
afterAll(async () => t?.close());

async function register(): Promise<number> {
  const res = await zzb.post('/api/projects', {
    name: `审批项目${uid()}`,
    townshipUnitId: a.townA.id,
    ownerFirmUnitId: a.firm.id,
    stage: 'started',
    plannedStart: '2026-03-01',
    plannedEnd: '2027-06-30',
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}
const chart = async (agent: Agent, id: number): Promise<Chart> =>
  (await agent.get(`/api/projects/${id}/approvals`)).json();
const item = (c: Chart, code: string) => c.items.find((i) => i.code === code) as Item;

describe('approvals timed in working days (批管验联动)', () => {
  it('401; 404 from another region', async () => {
    const id = await register();
    expect((await t.anonymous().get(`/api/projects/${id}/approvals`)).statusCode).toBe(401);
    const b = await buildRegion(t.ctx);
    const other = await t.login((await buildUser(t.ctx, { unitId: b.region.id, roles: ['org_dept'] })).username);
    expect((await other.get(`/api/projects/${id}/approvals`)).statusCode).toBe(404);
    expect((await other.patch(`/api/projects/${id}/approvals/1`, { version: 1 })).statusCode).toBe(404);
  });

  it('the department records submission and completion over 国庆: working days used against target, per item and phase', async () => {
    const id = await register();
    let c = await chart(zj, id);
    expect(c.items.map((i) => i.code)).toEqual([
      'lixiang',
      'yongdi',
      'guihua',
      'shigong',
      'zhian',
      'fenduan',
      'jungong',
    ]);
    expect(item(c, 'shigong').canHandle).toBe(true);
    expect(item(c, 'yongdi').canHandle).toBe(false);
    const res = await zj.patch(`/api/projects/${id}/approvals/${item(c, 'shigong').id}`, {
      submittedOn: '2026-09-29',
      completedOn: '2026-10-13',
      version: item(c, 'shigong').version,
    });
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    // Tue 29 Sep → Tue 13 Oct: 30 Sep, 8, 9, the 调休 Saturday 10, 12, 13 = 6 working days against 5
    expect(item(c, 'shigong').timing).toMatchObject({
      status: 'done_late',
      usedDays: 6,
      dueOn: '2026-10-12',
      overDays: 1,
    });
    expect(c.phases.find((p) => p.phase === 'construction')).toMatchObject({
      submitted: 1,
      targetDays: 5,
      usedDays: 6,
    });
    const h = (await zzb.get(`/api/projects/${id}/history?kind=approval`))
      .json()
      .data.map((x: { text: string }) => x.text);
    expect(h).toContain('「施工许可」办结于 2026-10-13，用时 6 个工作日（承诺 5 个）');
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'approval_item'), eq(auditLog.entityId, String(item(c, 'shigong').id))));
    expect(audit).toBeDefined();
  });

  it('400 with the exact message; 403 for another department and for the target; 409 when stale', async () => {
    const id = await register();
    const c = await chart(zj, id);
    const s = item(c, 'zhian');
    const back = await zj.patch(`/api/projects/${id}/approvals/${s.id}`, {
      submittedOn: '2026-11-10',
      completedOn: '2026-11-09',
      version: s.version,
    });
    expect(back.statusCode).toBe(400);
    expect(back.json().message).toBe('办结日期：不能早于申报日期');
    expect(
      (
        await zj.patch(`/api/projects/${id}/approvals/${s.id}`, { completedOn: '2026-11-09', version: s.version })
      ).json().message,
    ).toBe('办结日期：请先填写申报日期');
    expect(
      (
        await zj.patch(`/api/projects/${id}/approvals/${s.id}`, { submittedOn: '2026-11-24', version: s.version })
      ).json().message,
    ).toBe('申报日期：不能晚于今天（2026-11-23）');
    const other = await zrzy.patch(`/api/projects/${id}/approvals/${s.id}`, {
      submittedOn: '2026-11-10',
      version: s.version,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe('只有负责该事项的部门或组织部可以办理');
    expect(
      (await zj.patch(`/api/projects/${id}/approvals/${s.id}`, { targetDays: 30, version: s.version })).json().message,
    ).toBe('办理部门和承诺时限只能由组织部调整');
    expect(
      (await zj.patch(`/api/projects/${id}/approvals/${s.id}`, { submittedOn: '2026-11-10', version: s.version }))
        .statusCode,
    ).toBe(200);
    const stale = await zj.patch(`/api/projects/${id}/approvals/${s.id}`, {
      completedOn: '2026-11-12',
      version: s.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('the firm reads the checklist (一单早告知) but cannot handle items', async () => {
    const id = await register();
    const firm = await t.login((await buildUser(t.ctx, { unitId: a.firm.id, roles: ['firm_contact'] })).username);
    const c = await chart(firm, id);
    expect(item(c, 'shigong').documents.map((d) => d.name)).toEqual([
      '施工许可申请表',
      '建设工程规划许可证',
      '施工合同及中标通知书',
      '施工图审查合格书',
      '资金到位证明',
    ]);
    expect(c.items.every((i) => !i.canHandle)).toBe(true);
    expect(
      (
        await firm.patch(`/api/projects/${id}/approvals/${item(c, 'shigong').id}`, {
          submittedOn: '2026-11-10',
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('a department’s worklist shows its own open items and computes overdue ones', async () => {
    const id = await register();
    const c = await chart(zj, id);
    const z = item(c, 'zhian');
    await zj.patch(`/api/projects/${id}/approvals/${z.id}`, { submittedOn: '2026-11-02', version: z.version });
    const open = (await zj.get('/api/approvals?status=open&pageSize=200')).json();
    expect(open.data.map((i: { id: number }) => i.id)).toContain(z.id);
    expect(open.data.every((i: { department: { name: string } }) => i.department.name === '住房和城乡建设局')).toBe(
      true,
    );
    const overdue = (await zj.get('/api/approvals?status=overdue&pageSize=200')).json();
    expect(overdue.data.find((i: { id: number }) => i.id === z.id)).toMatchObject({
      timing: { status: 'overdue', usedDays: 15, overDays: 12 },
      project: { id },
    });
    expect(
      (await zrzy.get('/api/approvals?status=open&pageSize=200')).json().data.map((i: { id: number }) => i.id),
    ).not.toContain(z.id);
  });

  it('the worklist says canHandle: true for the handling department (and 组织部), false for anyone else', async () => {
    const id = await register();
    const c = await chart(zj, id);
    const own = item(c, 'zhian');
    const theirs = (c.items as Array<Item & { department: { name: string } | null }>).find(
      (i) => i.department?.name === '自然资源局',
    ) as Item;
    expect(theirs).toBeDefined();
    type Row = { id: number; canHandle: boolean };
    const list = async (agent: Agent) =>
      new Map(
        ((await agent.get(`/api/approvals?projectId=${id}&pageSize=200`)).json().data as Row[]).map((r) => [
          r.id,
          r.canHandle,
        ]),
      );
    const mine = await list(zj);
    expect(mine.get(own.id)).toBe(true);
    expect([...mine.values()].every((v) => v)).toBe(true);
    expect(mine.has(theirs.id)).toBe(false);
    expect((await list(zrzy)).get(theirs.id)).toBe(true);
    const all = await list(zzb);
    expect(all.get(own.id)).toBe(true);
    expect(all.get(theirs.id)).toBe(true);
    const leader = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['leader'] })).username);
    const seen = await list(leader);
    expect(seen.get(own.id)).toBe(false);
    expect(seen.get(theirs.id)).toBe(false);
    // the worklist agrees with the project's chart
    expect(item(await chart(zj, id), 'zhian').canHandle).toBe(true);
  });

  it('the acceptance-duration report across projects, and its Excel export', async () => {
    const p1 = await register();
    const p2 = await register();
    const j1 = item(await chart(zzb, p1), 'jungong');
    const j2 = item(await chart(zzb, p2), 'jungong');
    // 28 Sep → 16 Oct across 国庆: 10 working days; 2 Nov → 9 Nov: 5 working days
    await zzb.patch(`/api/projects/${p1}/approvals/${j1.id}`, {
      submittedOn: '2026-09-28',
      completedOn: '2026-10-16',
      version: j1.version,
    });
    await zzb.patch(`/api/projects/${p2}/approvals/${j2.id}`, {
      submittedOn: '2026-11-02',
      completedOn: '2026-11-09',
      version: j2.version,
    });
    const r = (await zzb.get('/api/approvals/acceptance-report?from=2026-01-01&to=2026-12-31')).json();
    expect(r.baselineDays).toBe(30);
    expect(r.overall).toMatchObject({
      count: 2,
      average: 7.5,
      median: 7.5,
      max: 10,
      min: 5,
      withinTarget: 2,
      withinTargetRate: 100,
    });
    expect(r.byItem).toEqual([expect.objectContaining({ code: 'jungong', name: '竣工联合验收', count: 2 })]);
    expect(r.byMonth.map((m: { month: string; count: number }) => [m.month, m.count])).toEqual([
      ['2026-10', 1],
      ['2026-11', 1],
    ]);
    expect((await zzb.get('/api/approvals/acceptance-report?from=2026-12-31&to=2026-01-01')).json().message).toBe(
      '结束日期：不能早于开始日期（2026-12-31）',
    );
    const x = await zzb.get('/api/approvals/acceptance-report/export?from=2026-01-01&to=2026-12-31');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toContain('用时（工作日）');
    expect([ws.getRow(3).getCell(8).value, ws.getRow(4).getCell(8).value]).toEqual([10, 5]);
  });
});
