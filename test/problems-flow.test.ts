import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, notifications, problemAssignments, problemEvents, problems } from '../src/server/db/schema/index.js';
import { foldProblem } from '../src/domain/problem-flow.js';
import { addWorkingDays } from '../src/domain/calendar.js';
import { loadEvents } from '../src/server/modules/problems/problem.store.js';
import { projectAssignments, projectProblem } from '../src/server/modules/problems/problem.projection.js';
import { createTestApp, type TestApp } from './test-app.js';
import {
  buildProblemWorld,
  LONG_SESSIONS,
  ok,
  raise,
  raiseAndDispatch,
  type Detail,
  type ProblemWorld,
} from './problem-factories.js';

let t: TestApp;
let w: ProblemWorld;

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  w = await buildProblemWorld(t);
});
afterAll(async () => t?.close());

/** The stored projection equals a fresh fold of the stored history. */
async function expectStoredEqualsHistory(id: number) {
  const cal = await t.ctx.calendar.get();
  const events = await loadEvents(t.ctx.db, id);
  const s = foldProblem(events, cal);
  const [row] = await t.ctx.db.select().from(problems).where(eq(problems.id, id));
  const expected = projectProblem(s, cal);
  for (const [k, v] of Object.entries(expected)) expect(row?.[k as keyof typeof row], k).toEqual(v);
  const stored = await t.ctx.db
    .select()
    .from(problemAssignments)
    .where(eq(problemAssignments.problemId, id))
    .orderBy(asc(problemAssignments.no));
  expect(stored).toEqual(projectAssignments(id, s));
}

describe('the closed loop: 吹哨 → 受理 → 派单 → 签收 → 答复 → 反馈 → 评价', () => {
  it('401 without a session, for every step', async () => {
    expect((await t.anonymous().get('/api/problems')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/problems', {})).statusCode).toBe(401);
    for (const step of ['accept', 'dispatch', 'sign', 'return', 'extend', 'answer', 'feedback', 'rate', 'close'])
      expect((await t.anonymous().post(`/api/problems/1/${step}`, {})).statusCode).toBe(401);
  });

  it('400 with the exact message', async () => {
    const bad = await w.as.qiye.post('/api/problems', { category: 'nope', description: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe(
      '问题类别：只能是 land / planning / construction / road / utilities / finance / labour / tax / safety / dispute / other；问题描述：必填',
    );
    const p = await raiseAndDispatch(w);
    const ret = await w.as.a.post(`/api/problems/${p.id}/return`, { reason: '' });
    expect(ret.json().message).toBe('理由：必填');
  });

  it('runs the whole loop with deadlines in working days, notifications and audit at every step', async () => {
    const raised = await raise(w.as.qiye, { description: '项目用地指标迟迟未落实，影响开工' });
    expect(raised).toMatchObject({ status: 'submitted', source: 'firm', firm: { id: w.firm.id } });
    // 党委响应: the 组织部 is told, accepts, becomes the owner (首办负责制)
    const inbox = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, w.users.zzb.id), eq(notifications.entityId, String(raised.id))));
    expect(inbox.map((n) => n.kind)).toContain('problem.raised');
    const accepted = await ok<Detail>(w.as.zzb.post(`/api/problems/${raised.id}/accept`, { version: raised.version }));
    expect(accepted).toMatchObject({ status: 'accepted', owner: { id: w.users.zzb.id } });
    const second = await w.as.zhuanyuan.post(`/api/problems/${raised.id}/accept`, {});
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toBe('该问题已被受理（首办负责制：由首位受理人负责到底）');
    // Only the owner dispatches
    const notOwner = await w.as.zhuanyuan.post(`/api/problems/${raised.id}/dispatch`, { leadDeptId: w.deptA.id });
    expect(notOwner.json().message).toBe('只有首办负责人才能执行此操作（可先办理移交）');
    const d = await ok<Detail>(
      w.as.zzb.post(`/api/problems/${raised.id}/dispatch`, { leadDeptId: w.deptA.id, coDeptIds: [w.deptB.id] }),
    );
    // Monday 23 Nov 2026, 10:00: sign by Tuesday, answer (用地审批: 10 working days) by 7 Dec
    expect(d.status).toBe('dispatched');
    expect(d.assignments.map((a) => [a.dept.id, a.role, a.signDue, a.answerDue])).toEqual([
      [w.deptA.id, 'lead', '2026-11-24', '2026-12-07'],
      [w.deptB.id, 'co', '2026-11-24', '2026-12-07'],
    ]);
    expect(d.deadlines.find((x) => x.key === 'answer:1')?.reason).toContain('2026-11-23 派单起 10 个工作日');
    const toSign = await ok<{ data: Array<{ id: number }> }>(w.as.a.get('/api/problems?queue=to_sign'));
    expect(toSign.data.map((x) => x.id)).toContain(raised.id);
    t.clock.advanceMinutes(60);
    const signed = await ok<Detail>(w.as.a.post(`/api/problems/${raised.id}/sign`, {}));
    expect(signed.status).toBe('in_progress');
    await ok(w.as.b.post(`/api/problems/${raised.id}/sign`, {}));
    t.clock.advanceMinutes(60 * 24 * 2);
    const answered = await ok<Detail>(
      w.as.a.post(`/api/problems/${raised.id}/answer`, { text: '已协调调整用地指标，本周内下达' }),
    );
    expect(answered.status).toBe('answered');
    const fed = await ok<Detail>(w.as.zzb.post(`/api/problems/${raised.id}/feedback`, {}));
    expect(fed).toMatchObject({ status: 'fed_back', feedback: '已协调调整用地指标，本周内下达' });
    const toRate = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, w.users.qiye.id), eq(notifications.kind, 'problem.fed_back')));
    expect(toRate.length).toBe(1);
    const rated = await ok<Detail>(w.as.qiye.post(`/api/problems/${raised.id}/rate`, { rating: 'satisfied' }));
    expect(rated).toMatchObject({ status: 'rated', rating: 'satisfied', timeliness: 'on_time' });
    expect(rated.events.map((e) => e.type)).toEqual([
      'raised',
      'accepted',
      'dispatched',
      'signed',
      'signed',
      'answered',
      'fed_back',
      'rated',
      'closed',
    ]);
    expect(rated.events.every((e) => e.actor.length > 0)).toBe(true);
    const audits = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'problem'), eq(auditLog.entityId, String(raised.id))));
    expect(audits.map((a) => a.action)).toEqual([
      'create',
      'accept',
      'dispatch',
      'sign',
      'sign',
      'answer',
      'feedback',
      'rate',
    ]);
    await expectStoredEqualsHistory(raised.id);
  });

  it.each([
    ['the lead (主办) first, then the co-department (协办)', ['a', 'b'] as const],
    ['the co-department (协办) first, then the lead (主办)', ['b', 'a'] as const],
  ])(
    'each department signs as its own step: %s, both with the version they loaded; a second sign → 409',
    async (_o, order) => {
      const p = await raiseAndDispatch(w, { co: [w.deptB.id] });
      // both departments opened the problem at the same version, as their pages did
      const first = await w.as[order[0]].post(`/api/problems/${p.id}/sign`, { version: p.version });
      expect(first.statusCode).toBe(200);
      const second = await w.as[order[1]].post(`/api/problems/${p.id}/sign`, { version: p.version });
      expect(second.statusCode).toBe(200);
      const d = second.json() as Detail;
      expect(d.assignments.map((x) => [x.dept.id, x.status])).toEqual([
        [w.deptA.id, 'in_hand'],
        [w.deptB.id, 'in_hand'],
      ]);
      expect(d.events.map((e) => e.type)).toEqual(['raised', 'accepted', 'dispatched', 'signed', 'signed']);
      for (const who of order) {
        const again = await w.as[who].post(`/api/problems/${p.id}/sign`, {});
        expect(again.statusCode).toBe(409);
        expect(again.json().message).toBe('已签收，无需重复签收');
      }
      await expectStoredEqualsHistory(p.id);
    },
  );

  it('a second 退单 by the same department is refused; a designated department cannot return', async () => {
    const p = await raiseAndDispatch(w);
    const r1 = await ok<Detail>(w.as.a.post(`/api/problems/${p.id}/return`, { reason: '不属于本局职责' }));
    expect(r1.status).toBe('returned');
    const owner = await t.ctx.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, w.users.zzb.id),
          eq(notifications.kind, 'problem.returned'),
          eq(notifications.entityId, String(p.id)),
        ),
      );
    expect(owner.length).toBe(1);
    await ok(w.as.zzb.post(`/api/problems/${p.id}/dispatch`, { leadDeptId: w.deptA.id }));
    const r2 = await w.as.a.post(`/api/problems/${p.id}/return`, { reason: '还是不属于' });
    expect(r2.statusCode).toBe(409);
    expect(r2.json().message).toBe('本部门已退过一次单，同一问题不能再次退单');
    const q = await raiseAndDispatch(w, { designated: true });
    const r3 = await w.as.a.post(`/api/problems/${q.id}/return`, { reason: '不归我管' });
    expect(r3.statusCode).toBe(409);
    expect(r3.json().message).toBe('该问题为指定办理，不能退单');
    const events = await t.ctx.db.select().from(problemEvents).where(eq(problemEvents.problemId, p.id));
    expect(events.filter((e) => e.type === 'returned').length).toBe(1);
    await expectStoredEqualsHistory(p.id);
  });

  it('an unsatisfied rating reopens the problem (重办) with a new deadline', async () => {
    const p = await raiseAndDispatch(w, { category: 'road' });
    await ok(w.as.a.post(`/api/problems/${p.id}/sign`, {}));
    await ok(w.as.a.post(`/api/problems/${p.id}/answer`, { text: '已列入明年计划' }));
    await ok(w.as.zzb.post(`/api/problems/${p.id}/feedback`, { text: '已列入明年计划' }));
    const noReason = await w.as.qiye.post(`/api/problems/${p.id}/rate`, { rating: 'unsatisfied' });
    expect(noReason.json().message).toBe('评价说明：请说明不满意的原因');
    t.clock.advanceMinutes(60 * 24);
    const reopened = await ok<Detail>(
      w.as.qiye.post(`/api/problems/${p.id}/rate`, { rating: 'unsatisfied', comment: '道路今年就要用' }),
    );
    expect(reopened).toMatchObject({ status: 'in_progress', round: 2, rating: 'unsatisfied' });
    const today = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const lead = reopened.assignments[reopened.assignments.length - 1];
    expect(lead).toMatchObject({ role: 'lead', status: 'in_hand', dept: { id: w.deptA.id } });
    expect(reopened.answerDue).toBe(lead?.answerDue);
    expect(reopened.deadlines.find((x) => x.key === `answer:${lead?.no}`)?.reason).toContain(
      `${today} 提出人不满意重办`,
    );
    expect(reopened.events.map((e) => e.type).slice(-2)).toEqual(['rated', 'reopened']);
    const ret = await w.as.a.post(`/api/problems/${p.id}/return`, { reason: '不办' });
    expect(ret.json().message).toBe('该问题为指定办理，不能退单');
    await expectStoredEqualsHistory(p.id);
  });

  it('延期: requested with a reason, approved or refused by the owner, visible in the detail', async () => {
    const p = await raiseAndDispatch(w, { category: 'road' });
    await ok(w.as.a.post(`/api/problems/${p.id}/sign`, {}));
    const req1 = await ok<Detail>(
      w.as.a.post(`/api/problems/${p.id}/extend`, { op: 'request', days: 3, reason: '需现场勘测' }),
    );
    expect(req1.abilities.requestExtension).toBeNull();
    expect((await w.as.a.post(`/api/problems/${p.id}/extend`, { op: 'approve', requestNo: 1 })).statusCode).toBe(403);
    const refused = await ok<Detail>(
      w.as.zzb.post(`/api/problems/${p.id}/extend`, { op: 'refuse', requestNo: 1, note: '时间充足' }),
    );
    expect(refused.answerDue).toBe(p.answerDue);
    await ok(w.as.a.post(`/api/problems/${p.id}/extend`, { op: 'request', days: 2, reason: '等待规划批复' }));
    const approved = await ok<Detail & { extensions: Array<{ status: string; days: number }> }>(
      w.as.zzb.post(`/api/problems/${p.id}/extend`, { op: 'approve', requestNo: 2 }),
    );
    expect(approved.extensions.map((x) => [x.status, x.days])).toEqual([
      ['refused', 3],
      ['approved', 2],
    ]);
    expect(approved.answerDue).toBe(addWorkingDays(await t.ctx.calendar.get(), p.answerDue as string, 2));
    expect(approved.deadlines.find((x) => x.key === 'answer:1')?.reason).toContain('含已批准的延期');
    await expectStoredEqualsHistory(p.id);
  });

  it('a commissioner raises a problem for a firm of the township; idempotent by client request id', async () => {
    const body = {
      clientRequestId: 'retry-0000-1111',
      category: 'utilities',
      description: '园区供电容量不足',
      firmUnitId: w.firm.id,
    };
    const first = await ok<Detail>(w.as.zhuanyuan.post('/api/problems', body));
    const again = await ok<Detail>(w.as.zhuanyuan.post('/api/problems', body));
    expect(again.id).toBe(first.id);
    expect(first.source).toBe('commissioner');
    const rows = await t.ctx.db.select().from(problems).where(eq(problems.clientRequestId, 'retry-0000-1111'));
    expect(rows.length).toBe(1);
    // …but not for a firm in another township
    const other = await w.as.zhuanyuan.post('/api/problems', {
      ...body,
      clientRequestId: 'retry-2222-3333',
      firmUnitId: w.firm2.id,
    });
    expect(other.statusCode).toBe(404);
  });

  it('“what needs me now”: the department sees what to sign, the committee what to accept; messages in English too', async () => {
    const p = await raiseAndDispatch(w);
    const home = await ok<{ items: Array<{ key: string; title: string; count?: number }> }>(w.as.a.get('/api/home'));
    expect(home.items.find((i) => i.key === 'problems-to-sign')?.title).toMatch(/^\d+ 件问题待签收$/);
    await raise(w.as.qiye);
    const committee = await ok<{ items: Array<{ key: string }> }>(w.as.zzb.get('/api/home'));
    expect(committee.items.map((i) => i.key)).toContain('problems-to-accept');
    // the firm's home says what it raised is being handled (it was blank before), with the count in the title
    const firm = await ok<{ items: Array<{ key: string; title: string }> }>(w.as.qiye.get('/api/home'));
    expect(firm.items.find((i) => i.key === 'problems-raised-open')?.title).toMatch(
      /^本企业提出的问题 \d+ 件正在办理$/,
    );
    w.as.a.lang = 'en';
    await ok(w.as.a.post(`/api/problems/${p.id}/sign`, {}));
    const twice = await w.as.a.post(`/api/problems/${p.id}/sign`, { assignmentNo: 1 });
    expect(twice.json().message).toBe('Already signed');
    const detail = await ok<Detail>(w.as.a.get(`/api/problems/${p.id}`));
    expect(detail.events.map((e) => e.text)).toContain(`${detail.assignments[0]?.dept.name} signed`);
    w.as.a.lang = 'zh';
  });

  it('the owner closes a problem with a recorded answer; ownership moves only by a recorded hand-over', async () => {
    const p = await raise(w.as.qiye);
    await ok(w.as.zzb.post(`/api/problems/${p.id}/accept`, {}));
    const handed = await ok<Detail>(
      w.as.zzb.post(`/api/problems/${p.id}/handover`, { toUserId: w.users.zhuanyuan.id, reason: '由属地专员跟进' }),
    );
    expect(handed.owner).toMatchObject({ id: w.users.zhuanyuan.id });
    expect((await w.as.zzb.post(`/api/problems/${p.id}/close`, { answer: '已解决' })).statusCode).toBe(409);
    const closed = await ok<Detail>(w.as.zhuanyuan.post(`/api/problems/${p.id}/close`, { answer: '现场协调已解决' }));
    expect(closed).toMatchObject({ status: 'closed', closeAnswer: '现场协调已解决', timeliness: 'on_time' });
    expect(closed.events.map((e) => e.type)).toEqual(['raised', 'accepted', 'handed_over', 'closed']);
  });
});
