import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, like } from 'drizzle-orm';
import { notifications, problemEvents, problems } from '../src/server/db/schema/index.js';
import { buildApp } from '../src/server/app.js';
import { foldProblem } from '../src/domain/problem-flow.js';
import { owedReminders } from '../src/domain/sla-reminders.js';
import { runSlaReminders } from '../src/server/modules/problems/problem.jobs.js';
import { loadEvents } from '../src/server/modules/problems/problem.store.js';
import { createTestApp, TEST_KEY, type TestApp } from './test-app.js';
import { buildUser } from './factories.js';
import {
  buildProblemWorld,
  LONG_SESSIONS,
  ok,
  raiseAndDispatch,
  type Detail,
  type ProblemWorld,
} from './problem-factories.js';

let t: TestApp;
let w: ProblemWorld;
let head: { id: number };

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  w = await buildProblemWorld(t);
  head = await buildUser(t.ctx, { unitId: w.deptA.id, roles: ['dept_handler'], displayName: '科室负责人' });
  await ok(
    w.as.zzb.put(`/api/problems/departments/${w.deptA.id}/settings`, {
      headUserId: head.id,
      leaderUserId: w.users.leader.id,
      webhookKind: null,
      webhookEnabled: false,
    }),
  );
});
afterAll(async () => t?.close());

/** 00:30 in China on `day`: when a nightly run of the job would see it. */
const earlyOn = (day: string) => new Date(`${day}T00:30:00+08:00`);

async function reminderKeys(id: number) {
  const rows = await t.ctx.db
    .select()
    .from(problemEvents)
    .where(and(eq(problemEvents.problemId, id), eq(problemEvents.type, 'reminder')))
    .orderBy(asc(problemEvents.seq));
  return rows.map((r) => (r.data as { key: string }).key);
}

async function inbox(userId: number, problemId: number) {
  const rows = await t.ctx.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.entityId, String(problemId)),
        like(notifications.kind, 'problem.%'),
      ),
    );
  return rows.map((n) => n.titleZh);
}

describe('SLA reminders run from a job and are derivable from the history', () => {
  it('预警 the working day before, 催办 to the head the day after a miss, 通报 to the leader 5 working days later', async () => {
    // Dispatched Monday 23 Nov 10:00, category 道路交通: sign by 24 Nov, answer by 30 Nov.
    const p = await raiseAndDispatch(w, { category: 'road' });
    expect(p.assignments[0]).toMatchObject({ signDue: '2026-11-24', answerDue: '2026-11-30' });
    const days = [
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-08',
    ];
    for (const day of days) {
      t.clock.set(earlyOn(day));
      await runSlaReminders(t.ctx);
      const cal = await t.ctx.calendar.get();
      const owed = owedReminders(foldProblem(await loadEvents(t.ctx.db, p.id), cal), cal, day).map((r) => r.key);
      expect((await reminderKeys(p.id)).sort(), day).toEqual([...owed].sort());
    }
    expect(await reminderKeys(p.id)).toEqual([
      'urge:sign:1:2026-11-24',
      'warning:answer:1:2026-11-30',
      'warning:feedback:r1:2026-11-30',
      'urge:answer:1:2026-11-30',
      'urge:feedback:r1:2026-11-30',
      'report:sign:1:2026-11-24',
      'report:answer:1:2026-11-30',
      'report:feedback:r1:2026-11-30',
    ]);
    const headInbox = await inbox(head.id, p.id);
    expect(headInbox).toContain(
      `【催办】签收时限 2026-11-24：${(await ok<Detail>(w.as.zzb.get(`/api/problems/${p.id}`))).title}`,
    );
    expect((await inbox(w.users.leader.id, p.id)).some((x) => x.startsWith('【通报】答复时限 2026-11-30'))).toBe(true);
    expect((await inbox(w.users.handlerA.id, p.id)).some((x) => x.startsWith('【预警】答复时限 2026-11-30'))).toBe(
      true,
    );
    expect((await inbox(w.users.zzb.id, p.id)).some((x) => x.startsWith('【催办】反馈时限 2026-11-30'))).toBe(true);
    // The timeline shows them; the deadline explains itself.
    const d = await ok<Detail>(w.as.zzb.get(`/api/problems/${p.id}`));
    expect(d.events.filter((e) => e.type === 'reminder').map((e) => e.text)).toContain(
      '催办：签收时限 2026-11-24（' + d.assignments[0]?.dept.name + '）',
    );
    expect(d.deadlines.find((x) => x.key === 'answer:1')).toMatchObject({
      state: 'overdue',
      due: '2026-11-30',
      overdueDays: 6,
    });
    expect(d.timeliness).toBe('overdue');
  });

  it('survives a restart: a second server on the same database sends nothing twice', async () => {
    const p = await raiseAndDispatch(w, { category: 'road' });
    t.clock.advanceMinutes(60 * 24 * 4);
    await runSlaReminders(t.ctx);
    const before = await reminderKeys(p.id);
    expect(before.length).toBeGreaterThan(0);
    const restarted = await buildApp({
      database: t.db.database,
      config: t.ctx.config,
      clock: t.clock,
      secretKeyHex: TEST_KEY,
    });
    expect(await runSlaReminders(restarted.ctx)).toBe(0);
    expect(await reminderKeys(p.id)).toEqual(before);
    await restarted.close().catch(() => undefined);
  });

  it('a deadline in 2027 is provisional (暂定, weekends only), and recomputed when 2027 is loaded', async () => {
    t.clock.set('2026-12-28T02:00:00Z');
    const p = await raiseAndDispatch(w, { category: 'road' });
    // 2027-01-01 (a Friday) counts as a working day until the 2027 schedule says otherwise.
    expect(p).toMatchObject({ answerDue: '2027-01-04', slaProvisionalYear: 2027, dueState: 'open' });
    const d = await ok<Detail>(w.as.zzb.get(`/api/problems/${p.id}`));
    const answer = d.deadlines.find((x) => x.key === 'answer:1');
    expect(answer).toMatchObject({ due: '2027-01-04', provisionalYear: 2027 });
    expect(answer?.reason).toContain('（暂定：2027年节假日安排尚未导入，暂按周末计算）');
    expect(d.deadlines.find((x) => x.key === 'sign:1')).toMatchObject({ due: '2026-12-29', provisionalYear: null });
    // Lists, queues, statistics and the export still work.
    expect((await w.as.a.get('/api/problems?queue=due_soon')).statusCode).toBe(200);
    expect((await w.as.zzb.get('/api/problems/stats')).statusCode).toBe(200);
    expect((await w.as.zzb.get('/api/problems/export')).statusCode).toBe(200);
    t.clock.set('2026-12-31T02:00:00Z');
    expect((await ok<Detail>(w.as.zzb.get(`/api/problems/${p.id}`))).dueState).toBe('open');
    // The administrator loads 2027: the load itself recomputes what was provisional.
    const admin = await buildUser(t.ctx, { unitId: w.region.id, roles: ['sysadmin'] });
    const a = await t.login(admin.username);
    await ok(a.put('/api/calendar/years/2027', { days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }));
    const [row] = await t.ctx.db.select().from(problems).where(eq(problems.id, p.id));
    expect(row).toMatchObject({ answerDue: '2027-01-05', slaProvisionalYear: null });
  });
});
