import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser, uid } from './factories.js';
import { LONG_SESSIONS } from './problem-factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let zzb: Agent;
let zhuanyuan: Agent;
let leaderId: number;
let commissionerId: number;

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  a = await buildRegion(t.ctx);
  zzb = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] })).username);
  leaderId = (await buildUser(t.ctx, { unitId: a.region.id, roles: ['leader'] })).id;
  const c = await buildUser(t.ctx, { unitId: a.townA.id, roles: ['commissioner'] });
  commissionerId = c.id;
  zhuanyuan = await t.login(c.username);
});
afterAll(async () => t?.close());

type Node = {
  id: number;
  name: string;
  version: number;
  status: string;
  lateDays: number;
  provisionalYear: number | null;
};
type Project = { id: number; nodes: Node[]; warning: { colour: string; reasons: Array<{ text: string }> } };

describe('a node overdue now and expected in a year whose calendar is not loaded (issue 11)', () => {
  it('shows the lateness it knows, the forecast as provisional, no administrator text and no 今日到期', async () => {
    t.clock.set('2026-11-23T02:00:00Z'); // Monday; the calendar table holds 2024–2026
    const res = await zzb.post('/api/projects', {
      name: `节点项目${uid()}`,
      townshipUnitId: a.townA.id,
      stage: 'started',
      plannedStart: '2026-03-01',
      plannedEnd: '2028-12-31',
      leaderUserId: leaderId,
      commissionerUserId: commissionerId,
      nodePlans: { topped_out: '2026-11-11' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const p0 = res.json() as Project;
    const n0 = p0.nodes.find((n) => n.name === '主体封顶') as Node;
    expect(n0).toMatchObject({ status: 'late', lateDays: 8, provisionalYear: null });
    const upd = await zhuanyuan.patch(`/api/projects/${p0.id}/nodes/${n0.id}`, {
      expectedDate: '2028-03-01',
      reason: '设计变更',
      version: n0.version,
    });
    expect(upd.statusCode, upd.body).toBe(200);
    const p = upd.json() as Project;
    const n = p.nodes.find((x) => x.name === '主体封顶') as Node;
    // the forecast across 2027 (not loaded) is the lateness shown, marked 暂定 with the reason in users' words,
    // and the 8 working days already certain are still said
    expect(n).toMatchObject({ status: 'delayed', provisionalYear: 2027 });
    expect(n.lateDays).toBeGreaterThan(8);
    expect(p.warning.colour).toBe('red');
    expect(p.warning.reasons.map((r) => r.text)).toEqual([
      `红色：节点「主体封顶」计划 2026-11-11，已逾期 8 个工作日，预计 2028-03-01 完成，将晚 ${n.lateDays} 个工作日`,
      '暂定：节点「主体封顶」的逾期工作日按周末计算（2027年节假日安排尚未导入，暂按周末计算）',
    ]);
    for (const r of p.warning.reasons) expect(r.text).not.toMatch(/管理员|administrator|错误|error/i);
    // the detail page reads the same node
    const detail = (await zhuanyuan.get(`/api/projects/${p.id}`)).json() as Project;
    expect(detail.nodes.find((x) => x.name === '主体封顶')).toMatchObject({ status: 'delayed', provisionalYear: 2027 });
    // time passing on the loaded side keeps the node late, never 今日到期
    t.clock.set('2026-12-31T02:00:00Z');
    const later = (await zhuanyuan.get(`/api/projects/${p.id}`)).json() as Project;
    expect(later.nodes.find((x) => x.name === '主体封顶')?.status).not.toBe('due');
  });
});
