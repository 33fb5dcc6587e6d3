import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, calendarYears, projectWarningMonths } from '../src/server/db/schema/index.js';
import { runDailyWarnings } from '../src/server/modules/warnings/warning.rules.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser, uid } from './factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let zzb: Agent;
let leader: Agent;
let zhuanyuan: Agent;
let leaderId: number;
let leaderUsername: string;
let commissionerId: number;

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRegion(t.ctx);
  zzb = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] })).username);
  const l = await buildUser(t.ctx, { unitId: a.region.id, roles: ['leader'] });
  const c = await buildUser(t.ctx, { unitId: a.townA.id, roles: ['commissioner'] });
  leaderId = l.id;
  leaderUsername = l.username;
  commissionerId = c.id;
  leader = await t.login(l.username);
  zhuanyuan = await t.login(c.username);
});
afterAll(async () => t?.close());

type Project = {
  id: number;
  version: number;
  nodes: Array<{ id: number; name: string; stage: string | null; version: number; plannedDate: string | null }>;
  warning: { colour: string; reasons: Array<{ text: string }> };
};

async function register(agent: Agent, o: Record<string, unknown> = {}): Promise<Project> {
  const res = await agent.post('/api/projects', {
    name: `节点项目${uid()}`,
    townshipUnitId: a.townA.id,
    stage: 'started',
    plannedStart: '2026-03-01',
    plannedEnd: '2027-12-31',
    leaderUserId: leaderId,
    commissionerUserId: commissionerId,
    nodePlans: { topped_out: '2026-12-15' },
    ...o,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function addNode(p: Project, name: string, plannedDate: string): Promise<Project> {
  const res = await zhuanyuan.post(`/api/projects/${p.id}/nodes`, { name, plannedDate });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const node = (p: Project, name: string) => p.nodes.find((n) => n.name === name) as Project['nodes'][number];

describe('time nodes and the warning they produce', () => {
  it('a node forecast late turns the project yellow, says why, and tells the leader and the commissioner', async () => {
    let p = await register(zzb);
    expect(p.warning.colour).toBe('blue');
    const n = node(p, '主体封顶');
    const res = await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${n.id}`, {
      expectedDate: '2026-12-18',
      reason: '钢材到货推迟',
      version: n.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    p = res.json();
    expect(p.warning.colour).toBe('yellow');
    expect(p.warning.reasons[0]?.text).toBe(
      '黄色：节点「主体封顶」计划 2026-12-15，预计 2026-12-18 完成，将晚 3 个工作日',
    );
    expect(node(p, '主体封顶')).toMatchObject({ status: 'delayed', lateDays: 3, expectedDate: '2026-12-18' });
    const inbox = (await leader.get('/api/notifications')).json();
    const note = inbox.data.find((x: { entityId: string }) => x.entityId === String(p.id));
    expect(note).toMatchObject({ kind: 'project.warning', link: `/projects/${p.id}` });
    expect(note.title).toMatch(/^项目「节点项目.+」转为黄色预警$/);
    expect(note.body).toBe('黄色：节点「主体封顶」计划 2026-12-15，预计 2026-12-18 完成，将晚 3 个工作日');
    expect(
      (await zhuanyuan.get('/api/notifications'))
        .json()
        .data.some((x: { entityId: string }) => x.entityId === String(p.id)),
    ).toBe(true);
    const months = (await leader.get(`/api/projects/${p.id}/warnings`)).json().data;
    expect(months).toEqual([expect.objectContaining({ month: '2026-11', colour: 'yellow', worstColour: 'yellow' })]);
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'project_node'), eq(auditLog.entityId, String(n.id))));
    expect(audit).toBeDefined();
    const h = (await leader.get(`/api/projects/${p.id}/history?kind=node_expected`)).json();
    expect(h.data[0].text).toBe('节点「主体封顶」预计完成日期更新为 2026-12-18（计划 2026-12-15），说明：钢材到货推迟');
    // the commissioner cannot move the approved plan to hide the delay
    const move = await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${n.id}`, {
      plannedDate: '2026-12-18',
      reason: '顺延',
      version: n.version + 1,
    });
    expect(move.statusCode).toBe(403);
    expect(move.json().message).toBe('已批准的计划日期只能由组织部调整；进度滞后请填写预计完成日期');
  });

  it('a node reached late is yellow until a later node is reached on time; the month keeps its worst colour', async () => {
    let p = await register(zzb);
    p = await addNode(p, '设备进场', '2026-11-16');
    expect(p.warning.reasons[0]?.text).toBe('黄色：节点「设备进场」计划 2026-11-16，已逾期 5 个工作日');
    const n = node(p, '设备进场');
    p = (
      await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${n.id}`, {
        actualDate: '2026-11-20',
        evidence: '进场验收单',
        version: n.version,
      })
    ).json();
    expect(p.warning.reasons[0]?.text).toBe(
      '黄色：节点「设备进场」计划 2026-11-16，实际 2026-11-20 完成，晚 4 个工作日',
    );
    p = await addNode(p, '设备调试', '2026-11-23');
    const next = node(p, '设备调试');
    p = (
      await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${next.id}`, {
        actualDate: '2026-11-23',
        version: next.version,
      })
    ).json();
    expect(p.warning.colour).toBe('blue');
    const [month] = await t.ctx.db.select().from(projectWarningMonths).where(eq(projectWarningMonths.projectId, p.id));
    expect(month).toMatchObject({ colour: 'blue', worstColour: 'yellow' });
  });

  it('400s: a plan change needs its reason, a completion cannot be in the future', async () => {
    const p = await register(zzb);
    const n = node(p, '主体封顶');
    const noReason = await zzb.patch(`/api/projects/${p.id}/nodes/${n.id}`, {
      plannedDate: '2027-01-20',
      version: n.version,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toBe('变更原因：调整计划日期时必填');
    const future = await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${n.id}`, {
      actualDate: '2026-11-24',
      version: n.version,
    });
    expect(future.json().message).toBe('实际完成日期：不能晚于今天（2026-11-23）');
    const bad = await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${n.id}`, {
      plannedDate: '2026/12/01',
      version: n.version,
    });
    expect(bad.json().message).toBe('计划日期：格式不正确');
    const ok = await zzb.patch(`/api/projects/${p.id}/nodes/${n.id}`, {
      plannedDate: '2027-01-20',
      reason: '冬季施工调整',
      version: n.version,
    });
    expect(ok.statusCode).toBe(200);
    const h = (await leader.get(`/api/projects/${p.id}/history?kind=node_plan`)).json();
    expect(h.data[0].text).toBe('节点「主体封顶」计划由 2026-12-15 调整为 2027-01-20（原因：冬季施工调整）');
    expect(h.data[0]).toMatchObject({ before: { plannedDate: '2026-12-15' }, after: { plannedDate: '2027-01-20' } });
  });

  it('409 on a stale node version; 403 for another commissioner; 404 for a node of another project', async () => {
    const p = await register(zzb);
    const q = await register(zzb);
    const n = node(p, '主体封顶');
    expect(
      (await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${n.id}`, { evidence: '照片', version: n.version }))
        .statusCode,
    ).toBe(200);
    const stale = await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${n.id}`, {
      evidence: '再改',
      version: n.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('时间节点已被他人修改，请刷新后重试');
    const other = await t.login((await buildUser(t.ctx, { unitId: a.townA.id, roles: ['commissioner'] })).username);
    const denied = await other.patch(`/api/projects/${p.id}/nodes/${n.id}`, { evidence: 'x', version: n.version + 1 });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toBe('只有本项目的项目专员或组织部可以更新时间节点和进度');
    expect((await leader.patch(`/api/projects/${p.id}/nodes/${n.id}`, { evidence: 'x', version: 2 })).statusCode).toBe(
      403,
    );
    expect(
      (await zhuanyuan.patch(`/api/projects/${q.id}/nodes/${n.id}`, { evidence: 'x', version: 2 })).statusCode,
    ).toBe(404);
  });

  it('reaching a stage’s node moves the project to that stage (and raises the event)', async () => {
    const p = await register(zzb, { stage: 'signed', plannedStart: '2026-12-10', nodePlans: { land: '2026-11-20' } });
    const n = node(p, '供地');
    const res = (
      await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${n.id}`, { actualDate: '2026-11-23', version: n.version })
    ).json();
    expect(res).toMatchObject({ stage: 'land', startedOn: null });
    expect(res.warning.reasons[0].text).toBe('黄色：节点「供地」计划 2026-11-20，实际 2026-11-23 完成，晚 1 个工作日');
    const s = node(res, '开工');
    const started = (
      await zhuanyuan.patch(`/api/projects/${p.id}/nodes/${s.id}`, { actualDate: '2026-11-23', version: s.version })
    ).json();
    expect(started).toMatchObject({ stage: 'started', startedOn: '2026-11-23' });
  });

  it('progress far behind plan is red; the report is in the history', async () => {
    // topped out (60% by plan on 30 June), so only the progress can colour it: ~92% planned on 23 Nov
    const p = await register(zzb, {
      stage: 'topped_out',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-12-31',
      nodePlans: { topped_out: '2026-06-30' },
    });
    const res = (await zhuanyuan.post(`/api/projects/${p.id}/progress`, { progress: 40 })).json();
    expect(res.progress).toBe(40);
    expect(res.warning.colour).toBe('red');
    expect(res.warning.reasons.map((r: { text: string }) => r.text)).toEqual([
      '红色：形象进度 40%，按计划应达 91.7%，落后 51.7 个百分点',
    ]);
    expect((await zhuanyuan.post(`/api/projects/${p.id}/progress`, { progress: 101 })).json().message).toBe(
      '形象进度：不能大于 100',
    );
    const inv = await zhuanyuan.put(`/api/projects/${p.id}/investments/2026-11`, { amount: 1234.5 });
    expect(inv.json().investments).toEqual([{ month: '2026-11', amount: 1234.5, note: null }]);
    expect((await zhuanyuan.put(`/api/projects/${p.id}/investments/2026-12`, { amount: 1 })).json().message).toBe(
      '月份：不能晚于本月（2026-11）',
    );
    const h = (await zhuanyuan.get(`/api/projects/${p.id}/history`)).json().data.map((x: { text: string }) => x.text);
    expect(h).toEqual(expect.arrayContaining(['形象进度由 未填报 更新为 40%', '2026-11 完成投资 1,234.50 万元']));
  });
});

describe('the daily recomputation', () => {
  it('time passing makes a node red; each month keeps its colour; a second run the same day does nothing', async () => {
    let p = await register(zzb);
    p = await addNode(p, '桩基完成', '2026-11-20');
    expect(p.warning.colour).toBe('yellow');
    t.clock.set('2026-12-08T02:00:00Z');
    try {
      const run = await runDailyWarnings(t.ctx);
      expect(run.skipped).toBe(false);
      expect((await runDailyWarnings(t.ctx)).skipped).toBe(true);
      // a change to the working-day calendar makes the same day's run go again
      await t.ctx.db
        .update(calendarYears)
        .set({ updatedAt: new Date('2026-12-08T01:00:00Z') })
        .where(eq(calendarYears.year, 2026));
      expect((await runDailyWarnings(t.ctx)).skipped).toBe(false);
      // fifteen days later every session has expired: log in again
      leader = await t.login(leaderUsername);
      const now = (await leader.get(`/api/projects/${p.id}`)).json();
      expect(now.warning.colour).toBe('red');
      expect(now.warning.reasons[0].text).toBe('红色：节点「桩基完成」计划 2026-11-20，已逾期 12 个工作日');
      const months = (await leader.get(`/api/projects/${p.id}/warnings`)).json().data;
      expect(months.map((m: { month: string; colour: string }) => [m.month, m.colour])).toEqual([
        ['2026-11', 'yellow'],
        ['2026-12', 'red'],
      ]);
      const inbox = (await leader.get('/api/notifications')).json().data;
      expect(
        inbox.some(
          (x: { title: string; entityId: string }) => x.entityId === String(p.id) && x.title.endsWith('转为红色预警'),
        ),
      ).toBe(true);
    } finally {
      t.clock.set('2026-11-23T02:00:00Z');
      leader = await t.login(leaderUsername);
    }
  });
});

describe('concurrent edits', () => {
  it('two simultaneous updates of one node: one wins, the other answers 409', async () => {
    const p = await register(zzb);
    const n = node(p, '主体封顶');
    const other = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] })).username);
    const results = await Promise.all([
      zhuanyuan.patch(`/api/projects/${p.id}/nodes/${n.id}`, { evidence: '甲', version: n.version }),
      other.patch(`/api/projects/${p.id}/nodes/${n.id}`, { evidence: '乙', version: n.version }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});
