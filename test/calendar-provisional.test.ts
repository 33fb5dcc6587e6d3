import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, notifications, orgSetupTasks, problems } from '../src/server/db/schema/index.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildUser, uid } from './factories.js';
import {
  buildProblemWorld,
  LONG_SESSIONS,
  ok,
  raiseAndDispatch,
  type Detail,
  type ProblemWorld,
} from './problem-factories.js';
import type { Agent } from './test-app.js';

/** A 2027 notice written for the test (the real one is not out when this is written). 2027-01-01 is a Friday. */
const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至11日（农历正月初七、周四）放假调休，共7天。2月13日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
国务院办公厅
2026年11月5日`;

let t: TestApp;
let w: ProblemWorld;
let admin: Agent;
let adminId: number;

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  w = await buildProblemWorld(t);
  const u = await buildUser(t.ctx, { unitId: w.region.id, roles: ['sysadmin'] });
  adminId = u.id;
  admin = await t.login(u.username);
});
afterAll(async () => t?.close());

const inbox = (userId: number, kind: string) =>
  t.ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

describe('the administrator’s home page, from 1 November', () => {
  it('says nothing about next year on 31 October, and asks for it on 1 November', async () => {
    const keys = async (at: string) => {
      t.clock.set(at);
      const ag = await t.login((await buildUser(t.ctx, { unitId: w.region.id, roles: ['sysadmin'] })).username);
      return ((await ag.get('/api/home')).json() as { items: Array<{ key: string; title: string }> }).items;
    };
    expect((await keys('2026-10-31T02:00:00Z')).map((i) => i.key)).not.toContain('calendar-next-year');
    // 1 November in China begins at 16:00 UTC on 31 October
    expect((await keys('2026-10-31T16:30:00Z')).find((i) => i.key === 'calendar-next-year')?.title).toContain(
      '2027 年节假日安排尚未导入',
    );
  });
});

describe('a pasted notice: preview, errors, permission', () => {
  it('preview parses without saving; an unreadable line is a 400 naming it; only calendar.write may', async () => {
    t.clock.set('2026-11-23T02:00:00Z');
    const pv = await ok<{ year: number; loaded: boolean; days: unknown[]; items: Array<{ name: string }> }>(
      admin.post('/api/calendar/notice/preview', { text: NOTICE_2027 }),
    );
    expect(pv).toMatchObject({ year: 2027, loaded: false });
    expect(pv.items.map((i) => i.name)).toEqual(['元旦', '春节', '清明节']);
    expect(pv.days).toContainEqual({ date: '2027-02-13', kind: 'workday', name: '春节' });
    expect(
      ((await admin.get('/api/calendar/years')).json() as { data: Array<{ year: number }> }).data.map((y) => y.year),
    ).not.toContain(2027);

    const bad = await admin.post('/api/calendar/notice/preview', {
      text: NOTICE_2027.replace('2月13日（周六）上班', '2月15日（周一）上班'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe(
      '通知有 1 处无法读取：第 3 行「二、春节：2月5日（农历除夕、周五）至11日（农历正月初七、周四）放假调休，共7…」无法识别：2027-02-15 不是周末，不能是调休上班日',
    );
    expect((await admin.post('/api/calendar/notice/preview', { text: '' })).statusCode).toBe(400);
    expect((await w.as.zzb.post('/api/calendar/notice/preview', { text: NOTICE_2027 })).statusCode).toBe(403);
    expect((await w.as.zzb.post('/api/calendar/notice', { text: NOTICE_2027 })).statusCode).toBe(403);
  });
});

describe('2027 deadlines while 2027 is missing are 暂定, and loading 2027 recomputes them in one audited step', () => {
  it('problem and 三同步 task: provisional → loaded → recomputed, audited, notified, no longer provisional', async () => {
    t.clock.set('2026-12-28T02:00:00Z');
    const p = await raiseAndDispatch(w, { category: 'road' });
    expect(p).toMatchObject({ answerDue: '2027-01-04', slaProvisionalYear: 2027 });
    const list = await ok<{ data: Array<{ id: number; answerDue: string; slaProvisionalYear: number | null }> }>(
      w.as.zzb.get('/api/problems?pageSize=100'),
    );
    expect(list.data.find((x) => x.id === p.id)).toMatchObject({ answerDue: '2027-01-04', slaProvisionalYear: 2027 });
    const detail = await ok<Detail>(w.as.zzb.get(`/api/problems/${p.id}`));
    expect(detail.deadlines.find((d) => d.key === 'answer:1')?.reason).toContain(
      '2027年节假日安排尚未导入，暂按周末计算',
    );

    const proj = await ok<{ id: number }>(
      w.as.zzb.post('/api/projects', {
        name: `三同步项目${uid()}`,
        townshipUnitId: w.townA.id,
        ownerFirmUnitId: w.firm.id,
        commissionerUserId: w.users.zhuanyuan.id,
        stage: 'started',
      }),
    );
    const [task] = await t.ctx.db.select().from(orgSetupTasks).where(eq(orgSetupTasks.projectId, proj.id));
    // 20 working days from 28 Dec 2026, January 2027 on weekdays only
    expect(task).toMatchObject({ dueOn: '2027-01-25', provisionalYear: 2027, countedFrom: '2026-12-28' });
    const tasks = await ok<{ data: Array<{ id: number; provisionalYear: number | null }> }>(
      w.as.zzb.get('/api/coverage/setup-tasks?pageSize=100'),
    );
    expect(tasks.data.find((x) => x.id === task?.id)).toMatchObject({ provisionalYear: 2027 });

    // Approval items of the project, handled by department A: 5 working days from 28 Dec count into 2027.
    type Timing = { dueOn: string | null; provisionalYear: number | null };
    type ApprovalChart = { items: Array<{ id: number; code: string; version: number; timing: Timing }> };
    const approvals = async () => ok<ApprovalChart>(w.as.zzb.get(`/api/projects/${proj.id}/approvals`));
    const [into2027, within2026] = (await approvals()).items;
    for (const [it, targetDays] of [
      [into2027!, 5],
      [within2026!, 2],
    ] as const)
      await ok(
        w.as.zzb.patch(`/api/projects/${proj.id}/approvals/${it.id}`, {
          departmentUnitId: w.deptA.id,
          targetDays,
          submittedOn: '2026-12-28',
          version: it.version,
        }),
      );
    const timing = async (id: number) => (await approvals()).items.find((i) => i.id === id)!.timing;
    expect(await timing(into2027!.id)).toMatchObject({ dueOn: '2027-01-04', provisionalYear: 2027 });
    expect(await timing(within2026!.id)).toMatchObject({ dueOn: '2026-12-30', provisionalYear: null });

    t.clock.set('2026-12-29T02:00:00Z');
    const loaded = await ok<{ year: number; recomputed: Record<string, { items: number; moved: number[] }> }>(
      admin.post('/api/calendar/notice', { text: NOTICE_2027 }),
    );
    expect(loaded.year).toBe(2027);
    expect(loaded.recomputed.problems?.moved).toContain(p.id);
    expect(loaded.recomputed.setupTasks?.moved).toContain(task?.id);
    expect(loaded.recomputed.approvals?.moved).toContain(into2027!.id);
    expect(loaded.recomputed.approvals?.moved).not.toContain(within2026!.id);
    // 元旦 2027 (1 January) is now a holiday: the due date moves a day, no longer provisional
    expect(await timing(into2027!.id)).toMatchObject({ dueOn: '2027-01-05', provisionalYear: null });

    const [row] = await t.ctx.db.select().from(problems).where(eq(problems.id, p.id));
    expect(row).toMatchObject({ answerDue: '2027-01-05', slaProvisionalYear: null });
    const after = await ok<Detail>(w.as.zzb.get(`/api/problems/${p.id}`));
    expect(after.deadlines.find((d) => d.key === 'answer:1')).toMatchObject({
      due: '2027-01-05',
      provisionalYear: null,
    });
    expect(after.deadlines.find((d) => d.key === 'answer:1')?.reason).not.toContain('暂定');
    const [task2] = await t.ctx.db.select().from(orgSetupTasks).where(eq(orgSetupTasks.id, task!.id));
    expect(task2).toMatchObject({ dueOn: '2027-01-26', provisionalYear: null });

    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'calendar'), eq(auditLog.entityId, '2027')))
      .orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ action: 'replace_year', actorId: adminId });
    expect(audit?.after).toMatchObject({
      source: 'notice',
      recomputed: {
        problems: { moved: expect.arrayContaining([p.id]) },
        approvals: { moved: expect.arrayContaining([into2027!.id]) },
      },
    });

    const toHandler = await inbox(w.users.handlerA.id, 'problem.deadline_moved');
    expect(toHandler.find((n) => n.entityId === String(p.id))?.bodyZh).toContain('答复时限 2027-01-04 → 2027-01-05');
    const toOwner = await inbox(w.users.zzb.id, 'problem.deadline_moved');
    expect(toOwner.some((n) => n.entityId === String(p.id))).toBe(true);
    const approvalNotes = await inbox(w.users.handlerA.id, 'approval.deadline_moved');
    expect(approvalNotes.find((n) => n.entityId === String(into2027!.id))).toMatchObject({
      bodyZh: '办结时限 2027-01-04 → 2027-01-05',
      link: `/projects/${proj.id}`,
    });
    expect(approvalNotes.find((n) => n.entityId === String(into2027!.id))?.titleZh).toContain(
      '办结时限已按 2027 年节假日安排重新计算',
    );
    expect(approvalNotes.some((n) => n.entityId === String(within2026!.id))).toBe(false);
    expect(await inbox(w.users.handlerB.id, 'approval.deadline_moved')).toEqual([]);
    const toCommissioner = await inbox(w.users.zhuanyuan.id, 'org.setup_due_moved');
    expect(toCommissioner.find((n) => n.entityId === String(task!.id))?.bodyZh).toBe('期限 2027-01-25 → 2027-01-26');
  });
});
