import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { buildProject, buildRegion, buildUnit, buildUser } from './factories.js';
import {
  buildProblemWorld,
  LONG_SESSIONS,
  ok,
  raise,
  raiseAndDispatch,
  type ProblemWorld,
} from './problem-factories.js';

let t: TestApp;
let w: ProblemWorld;

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  w = await buildProblemWorld(t);
});
afterAll(async () => t?.close());

const ids = async (agent: ProblemWorld['as']['zzb'], q = '') =>
  (await ok<{ data: Array<{ id: number }> }>(agent.get(`/api/problems?pageSize=200${q}`))).data.map((x) => x.id);

describe('who sees which problem (everything else is 404)', () => {
  it('a firm sees only its own problems', async () => {
    const mine = await raise(w.as.qiye);
    const theirs = await raise(w.as.qiye2);
    expect(await ids(w.as.qiye)).toContain(mine.id);
    expect(await ids(w.as.qiye)).not.toContain(theirs.id);
    expect((await w.as.qiye.get(`/api/problems/${theirs.id}`)).statusCode).toBe(404);
    expect((await w.as.qiye.get(`/api/problems/${theirs.id}`)).json().message).toBe('问题不存在或无权查看');
    expect((await w.as.qiye2.post(`/api/problems/${mine.id}/rate`, { rating: 'satisfied' })).statusCode).toBe(404);
    // a firm cannot raise a problem in another firm's name
    expect(
      (await w.as.qiye.post('/api/problems', { category: 'tax', description: '冒名', firmUnitId: w.firm2.id }))
        .statusCode,
    ).toBe(404);
  });

  it('a department sees only what was dispatched to it', async () => {
    const p = await raise(w.as.qiye);
    expect((await w.as.a.get(`/api/problems/${p.id}`)).statusCode).toBe(404);
    await ok(w.as.zzb.post(`/api/problems/${p.id}/accept`, {}));
    await ok(w.as.zzb.post(`/api/problems/${p.id}/dispatch`, { leadDeptId: w.deptA.id, coDeptIds: [w.deptB.id] }));
    expect((await w.as.a.get(`/api/problems/${p.id}`)).statusCode).toBe(200);
    expect((await w.as.b.get(`/api/problems/${p.id}`)).statusCode).toBe(200);
    expect((await w.as.c.get(`/api/problems/${p.id}`)).statusCode).toBe(404);
    expect((await w.as.c.post(`/api/problems/${p.id}/sign`, {})).statusCode).toBe(404);
    expect(await ids(w.as.a)).toContain(p.id);
    expect(await ids(w.as.c)).not.toContain(p.id);
    // A department cannot sign another department's dispatch, even one it can see.
    const q = await raiseAndDispatch(w, { co: [w.deptB.id] });
    const signed = await ok<{ assignments: Array<{ dept: { id: number }; status: string }> }>(
      w.as.b.post(`/api/problems/${q.id}/sign`, { assignmentNo: 2 }),
    );
    expect(signed.assignments.map((a) => [a.dept.id, a.status])).toEqual([
      [w.deptA.id, 'to_sign'],
      [w.deptB.id, 'in_hand'],
    ]);
    const wrong = await w.as.b.post(`/api/problems/${q.id}/sign`, { assignmentNo: 1 });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().message).toBe('没有需要本部门办理的派单');
  });

  it('a township commissioner sees its township; 组织部 the region; another region nothing', async () => {
    const inA = await raise(w.as.qiye);
    const inB = await raise(w.as.qiye2);
    expect(await ids(w.as.zhuanyuan)).toContain(inA.id);
    expect((await w.as.zhuanyuan.get(`/api/problems/${inB.id}`)).statusCode).toBe(404);
    expect((await w.as.zzb.get(`/api/problems/${inB.id}`)).statusCode).toBe(200);
    expect((await w.as.leader.get(`/api/problems/${inB.id}`)).statusCode).toBe(200);
    const other = await buildRegion(t.ctx);
    const stranger = await buildUser(t.ctx, { unitId: other.region.id, roles: ['org_dept'] });
    const s = await t.login(stranger.username);
    expect((await s.get(`/api/problems/${inA.id}`)).statusCode).toBe(404);
    expect((await s.post(`/api/problems/${inA.id}/accept`, {})).statusCode).toBe(404);
    expect(await ids(s)).not.toContain(inA.id);
    expect((await s.get(`/api/problems/stats`)).json().overall.total).toBe(0);
  });

  it('a project problem is visible through the project (its party branch secretary sees it)', async () => {
    const branch = await buildUnit(t.ctx, { parentId: w.region.id, kind: 'temp_branch' });
    const project = await buildProject(t.ctx, {
      regionId: w.region.id,
      townshipId: w.townB.id,
      partyBranchUnitId: branch.id,
    });
    const secretary = await buildUser(t.ctx, { unitId: branch.id, roles: ['secretary'] });
    const p = await ok<{ id: number; project: { id: number } }>(
      w.as.zzb.post('/api/problems', { category: 'road', description: '施工便道被占用', projectId: project.id }),
    );
    expect(p.project.id).toBe(project.id);
    const sec = await t.login(secretary.username);
    expect((await sec.get(`/api/problems/${p.id}`)).statusCode).toBe(200);
    expect((await sec.post(`/api/problems/${p.id}/accept`, {})).statusCode).toBe(403);
    expect((await w.as.zhuanyuan.get(`/api/problems/${p.id}`)).statusCode).toBe(404);
  });

  it('permissions: a firm cannot accept, a department cannot raise, a leader cannot act', async () => {
    const p = await raise(w.as.qiye);
    expect((await w.as.qiye.post(`/api/problems/${p.id}/accept`, {})).statusCode).toBe(403);
    expect((await w.as.a.post('/api/problems', { category: 'tax', description: 'x' })).statusCode).toBe(403);
    expect((await w.as.leader.post(`/api/problems/${p.id}/close`, { answer: 'x' })).statusCode).toBe(403);
    expect((await w.as.qiye.get('/api/problems/stats')).statusCode).toBe(403);
  });
});
