import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, projectHistory, projectNodes, projects } from '../src/server/db/schema/index.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser, uid } from './factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let zzb: Agent;

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRegion(t.ctx);
  zzb = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] })).username);
});
afterAll(async () => t?.close());

async function register(): Promise<number> {
  const res = await zzb.post('/api/projects', {
    name: `竣工测试${uid()}`,
    townshipUnitId: a.townA.id,
    stage: 'started',
    kind: 'industry',
    plannedStart: '2026-03-01',
    plannedEnd: '2026-10-31',
  });
  expect(res.statusCode).toBe(200);
  return res.json().id as number;
}
const detail = async (id: number) => (await zzb.get(`/api/projects/${id}`)).json();
const dateNodes = (id: number, stages: string[]) =>
  t.ctx.db
    .update(projectNodes)
    .set({ actualDate: '2026-06-01' })
    .where(and(eq(projectNodes.projectId, id), inArray(projectNodes.stage, stages)));

describe('竣工 needs its time nodes reached, with dates, or a reason', () => {
  it('409 in Chinese listing the open nodes; nothing changes', async () => {
    const id = await register();
    await dateNodes(id, ['signed', 'land', 'started']);
    const d = await detail(id);
    const res = await zzb.patch(`/api/projects/${id}`, { version: d.version, stage: 'completed' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(
      '还有 2 个时间节点未填写实际完成日期，不能竣工：主体封顶、竣工。请先填写这些节点的完成日期，或填写未完成即竣工的理由',
    );
    expect(res.json().details.openNodes.map((n: { stage: string }) => n.stage)).toEqual(['topped_out', 'completed']);
    const [row] = await t.ctx.db.select().from(projects).where(eq(projects.id, id));
    expect(row).toMatchObject({ stage: 'started', completedOn: null, version: d.version });
  });

  it('a reason that is too short is a 400 naming the field', async () => {
    const id = await register();
    const d = await detail(id);
    const res = await zzb.patch(`/api/projects/${id}`, {
      version: d.version,
      stage: 'completed',
      completionReason: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^竣工理由：/);
  });

  it('with a reason: completed, the open nodes stay open (no date, not reached), the reason in history and audit', async () => {
    const id = await register();
    await dateNodes(id, ['signed', 'land', 'started']);
    const d = await detail(id);
    const res = await zzb.patch(`/api/projects/${id}`, {
      version: d.version,
      stage: 'completed',
      completionReason: '规划调整，主体工程取消',
    });
    expect(res.statusCode).toBe(200);
    const after = await detail(id);
    expect(after.stage).toBe('completed');
    type N = { stage: string; actualDate: string | null; status: string };
    const nodes = new Map((after.nodes as N[]).map((n) => [n.stage, n]));
    for (const s of ['topped_out', 'completed']) {
      expect(nodes.get(s)?.actualDate).toBeNull();
      expect(nodes.get(s)?.status).not.toBe('done');
    }
    // no node anywhere shows as reached without a date
    for (const n of after.nodes as N[]) if (!n.actualDate) expect(['done', 'done_late']).not.toContain(n.status);
    const hist = await t.ctx.db.select().from(projectHistory).where(eq(projectHistory.projectId, id));
    expect(hist.map((h) => h.zh)).toContain('未完成节点主体封顶、竣工即竣工，理由：规划调整，主体工程取消');
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'project'), eq(auditLog.entityId, String(id)), eq(auditLog.action, 'stage')));
    expect(audit?.after).toMatchObject({
      completionReason: '规划调整，主体工程取消',
      openNodes: ['主体封顶', '竣工'],
    });
  });

  it('every node up to 竣工 dated: completed without a reason; 投产 may stay open', async () => {
    const id = await register();
    await dateNodes(id, ['signed', 'land', 'started', 'topped_out', 'completed']);
    const d = await detail(id);
    const res = await zzb.patch(`/api/projects/${id}`, { version: d.version, stage: 'completed' });
    expect(res.statusCode).toBe(200);
    expect((await detail(id)).stage).toBe('completed');
  });

  it('a stage move before 竣工 is not judged, and the passed nodes are not shown reached', async () => {
    const id = await register();
    const d = await detail(id);
    expect((await zzb.patch(`/api/projects/${id}`, { version: d.version, stage: 'topped_out' })).statusCode).toBe(200);
    const after = await detail(id);
    const topped = after.nodes.find((n: { stage: string }) => n.stage === 'topped_out');
    expect(topped).toMatchObject({ actualDate: null });
    expect(['done', 'done_late']).not.toContain(topped.status);
  });
});
