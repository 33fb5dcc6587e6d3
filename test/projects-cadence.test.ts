import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, supervisionFindings } from '../src/server/db/schema/index.js';
import { onEvent } from '../src/server/events.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser, uid } from './factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let zzb: Agent;
let zhuanyuan: Agent;
let leader: Agent;
let commissionerId: number;
const raised: Array<{ findingId: number; projectId: number }> = [];

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRegion(t.ctx);
  zzb = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] })).username);
  leader = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['leader'] })).username);
  const c = await buildUser(t.ctx, { unitId: a.townA.id, roles: ['commissioner'], displayName: '张专员' });
  commissionerId = c.id;
  zhuanyuan = await t.login(c.username);
  onEvent(
    'supervision.findingRaised',
    async (_tx, _ctx, _who, e) => void raised.push({ findingId: e.finding.id, projectId: e.project.id }),
  );
});
afterAll(async () => t?.close());

async function register(
  o: Record<string, unknown> = {},
): Promise<{ id: number; nodes: Array<{ id: number; name: string; version: number }> }> {
  const res = await zzb.post('/api/projects', {
    name: `调度项目${uid()}`,
    townshipUnitId: a.townA.id,
    stage: 'started',
    commissionerUserId: commissionerId,
    annualPlanInvestment: 6000,
    plannedStart: '2026-03-01',
    plannedEnd: '2027-06-30',
    nodePlans: { topped_out: '2026-10-20' },
    ...o,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('月调度 (monthly dispatch)', () => {
  it('prefills from nodes, investment and open findings; the commissioner confirms with remarks; missing reports are listed', async () => {
    const p = await register();
    const q = await register();
    const n = p.nodes.find((x) => x.name === '主体封顶')!;
    await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${n.id}`, { actualDate: '2026-10-30', version: n.version });
    await zhuanyuan.put(`/api/projects/${p.id}/investments/2026-09`, { amount: 1200 });
    await zhuanyuan.put(`/api/projects/${p.id}/investments/2026-10`, { amount: 1500.5 });
    const visit = (
      await zzb.post('/api/supervision/visits', { groupName: '党建引领项目攻坚督导组', visitedOn: '2026-10-15' })
    ).json();
    await zzb.post(`/api/supervision/visits/${visit.id}/findings`, {
      projectId: p.id,
      description: '塔吊安全通道未设置',
    });

    const rep = (await zhuanyuan.get(`/api/dispatch/${p.id}/2026-10`)).json();
    expect(rep).toMatchObject({
      month: '2026-10',
      dueOn: '2026-11-06',
      state: 'overdue',
      canConfirm: true,
      version: 0,
    });
    expect(rep.snapshot.summary).toMatchObject({
      monthInvestment: 1500.5,
      yearInvestment: 2700.5,
      annualPlan: 6000,
      annualRate: 45,
    });
    expect(rep.snapshot.summary.nodesDone.map((x: { name: string }) => x.name)).toEqual(['主体封顶']);
    expect(rep.snapshot.open).toEqual([
      expect.objectContaining({
        key: 'findings',
        count: 1,
        items: [{ zh: '塔吊安全通道未设置', en: '塔吊安全通道未设置' }],
      }),
      // the finding opened a problem in the ledger; the ledger's own line shows its step
      expect.objectContaining({
        key: 'problems',
        count: 1,
        items: [{ zh: '【待受理】塔吊安全通道未设置', en: '[To accept] 塔吊安全通道未设置' }],
      }),
    ]);
    expect(rep.snapshot.colour).toBe('yellow');

    const missing = (await zzb.get('/api/dispatch?month=2026-10&state=missing&pageSize=200')).json();
    expect(missing.data.map((r: { project: { id: number } }) => r.project.id)).toEqual(
      expect.arrayContaining([p.id, q.id]),
    );
    expect(missing.dueOn).toBe('2026-11-06');

    const ok = await zhuanyuan.post(`/api/dispatch/${p.id}/2026-10/confirm`, {
      remarks: '钢结构已封顶，下月进入设备安装',
      version: 0,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      state: 'confirmed',
      remarks: '钢结构已封顶，下月进入设备安装',
      confirmedBy: '张专员',
      version: 1,
    });
    const again = await zhuanyuan.post(`/api/dispatch/${p.id}/2026-10/confirm`, { remarks: '重复', version: 0 });
    expect(again.statusCode).toBe(409);
    const after = (await zzb.get('/api/dispatch?month=2026-10&pageSize=200')).json();
    expect(after.data.find((r: { project: { id: number } }) => r.project.id === p.id)).toMatchObject({
      state: 'confirmed',
      confirmedBy: '张专员',
    });
    expect(after.data.find((r: { project: { id: number } }) => r.project.id === q.id)).toMatchObject({
      state: 'overdue',
    });
    expect(after.counts.missing).toBe(after.counts.all - after.counts.confirmed);
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'dispatch_report'), eq(auditLog.entityId, `${p.id}:2026-10`)));
    expect(audit).toMatchObject({ action: 'confirm' });
  });

  it('401, 403 for someone else’s project, 400 for a future month or a project that owes none, 404 out of scope', async () => {
    const p = await register();
    expect((await t.anonymous().get('/api/dispatch')).statusCode).toBe(401);
    const other = await t.login((await buildUser(t.ctx, { unitId: a.townA.id, roles: ['commissioner'] })).username);
    const denied = await other.post(`/api/dispatch/${p.id}/2026-10/confirm`, { version: 0 });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toBe('只有本项目的项目专员或组织部可以确认调度报告');
    expect((await leader.post(`/api/dispatch/${p.id}/2026-10/confirm`, { version: 0 })).statusCode).toBe(403);
    expect((await zhuanyuan.post(`/api/dispatch/${p.id}/2026-12/confirm`, { version: 0 })).json().message).toBe(
      '月份：不能晚于本月（2026-11）',
    );
    expect((await zhuanyuan.get(`/api/dispatch/${p.id}/2026-13`)).json().message).toBe('月份：格式不正确');
    const talking = await register({ stage: 'negotiating' });
    expect((await zhuanyuan.post(`/api/dispatch/${talking.id}/2026-10/confirm`, { version: 0 })).json().message).toBe(
      '该项目处于「洽谈」阶段，无需月调度',
    );
    const b = await buildRegion(t.ctx);
    const outsider = await t.login((await buildUser(t.ctx, { unitId: b.region.id, roles: ['org_dept'] })).username);
    expect((await outsider.get(`/api/dispatch/${p.id}/2026-10`)).statusCode).toBe(404);
  });
});

describe('季督办 (quarterly supervision)', () => {
  it('records a visit and findings; raises the event the problem ledger subscribes to; the link point is kept', async () => {
    const p = await register();
    expect(
      (await leader.post('/api/supervision/visits', { groupName: '督导组', visitedOn: '2026-11-20' })).statusCode,
    ).toBe(403);
    const bad = await zzb.post('/api/supervision/visits', { groupName: '督', visitedOn: '2026-11-20' });
    expect(bad.json().message).toBe('督导组：至少需要 2 个字符');
    const v = (
      await zzb.post('/api/supervision/visits', {
        groupName: '第一督导组',
        visitedOn: '2026-11-20',
        members: '王建国、刘振华',
      })
    ).json();
    expect(v.quarter).toBe('2026-Q4');
    const res = await zzb.post(`/api/supervision/visits/${v.id}/findings`, {
      projectId: p.id,
      description: '农民工工资专户未按月拨付',
    });
    expect(res.statusCode, res.body).toBe(200);
    const finding = res.json().findings[0];
    // the problem ledger's subscriber opens a problem for the finding in the same transaction
    expect(finding).toMatchObject({ status: 'open', problemId: expect.any(Number), project: { id: p.id } });
    const problem = (await zzb.get(`/api/problems/${finding.problemId}`)).json();
    expect(problem).toMatchObject({ source: 'supervision', project: { id: p.id } });
    expect(raised).toContainEqual({ findingId: finding.id, projectId: p.id });
    expect(
      (await leader.get('/api/supervision/visits?quarter=2026-Q4'))
        .json()
        .data.find((x: { id: number }) => x.id === v.id),
    ).toMatchObject({ findings: 1, openFindings: 1 });
    expect((await zhuanyuan.get(`/api/projects/${p.id}/findings`)).json().data).toHaveLength(1);
    const noResolution = await zzb.patch(`/api/supervision/findings/${finding.id}`, { status: 'resolved' });
    expect(noResolution.json().message).toBe('整改情况：标记整改完成时必填');
    const linked = (
      await zzb.patch(`/api/supervision/findings/${finding.id}`, {
        problemId: 4242,
        status: 'resolved',
        resolution: '已拨付',
      })
    ).json();
    expect(linked).toMatchObject({ status: 'resolved', problemId: 4242 });
    const [row] = await t.ctx.db.select().from(supervisionFindings).where(eq(supervisionFindings.id, finding.id));
    expect(row?.problemId).toBe(4242);
    const b = await buildRegion(t.ctx);
    const outsider = await t.login((await buildUser(t.ctx, { unitId: b.region.id, roles: ['org_dept'] })).username);
    expect((await outsider.get(`/api/supervision/visits/${v.id}`)).statusCode).toBe(404);
    expect(
      (await outsider.post(`/api/supervision/visits/${v.id}/findings`, { projectId: p.id, description: '越权记录' }))
        .statusCode,
    ).toBe(404);
  });
});

describe('半年观摩 (half-year observation)', () => {
  it('configurable sheet, scores within bounds, totals averaged per project, the sheet frozen once scored', async () => {
    const p = await register();
    const q = await register();
    const criteria = [
      { key: 'progress', zh: '建设进度', max: 60 },
      { key: 'party', zh: '党建成效', max: 40 },
    ];
    const e = (
      await zzb.post('/api/observations', {
        title: '2026年下半年项目观摩',
        heldOn: '2026-11-20',
        criteria,
        projectIds: [p.id, q.id],
      })
    ).json();
    expect(e).toMatchObject({ half: '2026-H2', maxTotal: 100 });
    const over = await zzb.put(`/api/observations/${e.id}/scores`, {
      projectId: p.id,
      scorerName: '评委甲',
      scores: { progress: 61, party: 30 },
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toBe('评分：「建设进度」的得分须在 0–60 之间');
    await zzb.put(`/api/observations/${e.id}/scores`, {
      projectId: p.id,
      scorerName: '评委甲',
      scores: { progress: 50, party: 30 },
    });
    await zzb.put(`/api/observations/${e.id}/scores`, {
      projectId: p.id,
      scorerName: '评委乙',
      scores: { progress: 40, party: 30 },
    });
    const res = (
      await zzb.put(`/api/observations/${e.id}/scores`, {
        projectId: q.id,
        scorerName: '评委甲',
        scores: { progress: 55, party: 35 },
        comment: '工地规范',
      })
    ).json();
    expect(
      res.ranking.map((r: { projectId: number; total: number; rank: number; scorers: number }) => [
        r.projectId,
        r.total,
        r.rank,
        r.scorers,
      ]),
    ).toEqual([
      [q.id, 90, 1, 1],
      [p.id, 75, 2, 2],
    ]);
    const frozen = await zzb.put(`/api/observations/${e.id}/criteria`, { criteria, version: e.version });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().message).toBe('已有评分，不能再修改评分表');
    expect((await leader.get(`/api/observations/${e.id}`)).json().projects).toHaveLength(2);
    expect(
      (await leader.put(`/api/observations/${e.id}/scores`, { projectId: p.id, scorerName: 'x', scores: {} }))
        .statusCode,
    ).toBe(403);
  });
});

describe('what needs me now (home)', () => {
  it('the commissioner sees reports to confirm, the leader red projects, the organisation department the missing list', async () => {
    const l = await buildUser(t.ctx, { unitId: a.region.id, roles: ['leader'] });
    const p = await register({ leaderUserId: l.id, nodePlans: { topped_out: '2026-10-09' } });
    expect((await zzb.get(`/api/projects/${p.id}`)).json().warning.colour).toBe('red');
    const mine = (await zhuanyuan.get('/api/home')).json().items;
    expect(mine.find((i: { key: string }) => i.key === 'dispatch-confirm')).toMatchObject({
      level: 'danger',
      link: '/dispatch?month=2026-10&mine=true&state=missing',
    });
    expect(mine.find((i: { key: string }) => i.key === 'dispatch-confirm').title).toMatch(
      /^2026-10 月调度报告待确认 \d+ 个（2026-11-06 前）$/,
    );
    const lead = (await (await t.login(l.username)).get('/api/home')).json().items;
    expect(lead.find((i: { key: string }) => i.key === 'projects-red')).toMatchObject({
      title: '我包联或负责的项目中 1 个红色预警',
      link: '/projects?mine=true&colour=red',
    });
    const org = (await zzb.get('/api/home')).json().items;
    expect(org.find((i: { key: string }) => i.key === 'dispatch-missing').title).toMatch(
      /^2026-10 月调度报告缺报 \d+ 个（2026-11-06 前）$/,
    );
  });
});
