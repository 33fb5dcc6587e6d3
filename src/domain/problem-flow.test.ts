import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.js';
import { foldProblem } from './problem-flow.js';
import type { ProblemEvent, ProblemEventData } from './problem-events.js';
import { nextReminderOn, owedReminders, unsentReminders } from './sla-reminders.js';
import { checkReturn, checkAnswer, checkDispatch } from './problem-rules.js';
import { DEFAULT_SLA, dueOn } from './sla.js';
import { OFFICIAL_2026 } from '../../test/fixtures/official-2026.js';

const cal = buildCalendar([2026], OFFICIAL_2026);
const OWNER = 10;
const A = 100; // lead department
const B = 200; // co-handling department
const C = 300;

/** A history built step by step; `at` is China local time "2026-11-23 10:00". */
function history() {
  const events: ProblemEvent[] = [];
  const add = (atChina: string, data: ProblemEventData, actor: number | null = OWNER) => {
    events.push({
      seq: events.length + 1,
      at: new Date(`${atChina.replace(' ', 'T')}:00+08:00`).toISOString(),
      actorUserId: actor,
      actorUnitId: null,
      ...data,
    });
    return add;
  };
  return { events, add };
}

const raise = (h: ReturnType<typeof history>, on = '2026-11-23 09:00') =>
  h.add(on, { type: 'raised', source: 'firm', raiserUserId: 1 }, 1);
const dispatch = (no: number, dept: number, role: 'lead' | 'co' = 'lead', designated = false) => ({
  no,
  deptUnitId: dept,
  role,
  designated,
});

describe('foldProblem: the closed loop', () => {
  it('raise → accept → dispatch (lead + co) → sign → answer → feedback → satisfied: closed on time', () => {
    const h = history();
    raise(h);
    h.add('2026-11-23 10:00', { type: 'accepted', ownerUserId: OWNER, ownerUnitId: 1 });
    h.add('2026-11-23 11:00', {
      type: 'dispatched',
      targets: [dispatch(1, A), dispatch(2, B, 'co')],
      policy: DEFAULT_SLA,
      note: null,
    });
    let s = foldProblem(h.events, cal);
    expect(s.status).toBe('dispatched');
    expect(s.ownerUserId).toBe(OWNER);
    expect(s.answerDue).toEqual(dueOn('2026-11-30'));
    expect(s.assignments.map((a) => [a.deptUnitId, a.role, a.signDue?.date, a.answerDue.date])).toEqual([
      [A, 'lead', '2026-11-24', '2026-11-30'],
      [B, 'co', '2026-11-24', '2026-11-30'],
    ]);
    h.add('2026-11-24 09:00', { type: 'signed', assignmentNo: 2 }, 20);
    expect(foldProblem(h.events, cal).status).toBe('dispatched');
    h.add('2026-11-24 09:30', { type: 'signed', assignmentNo: 1 }, 30);
    expect(foldProblem(h.events, cal).status).toBe('in_progress');
    h.add('2026-11-27 16:00', { type: 'answered', assignmentNo: 1, text: '已协调用地指标' }, 30);
    h.add('2026-11-30 09:00', { type: 'fed_back', text: '已协调用地指标' });
    h.add('2026-12-01 09:00', { type: 'rated', rating: 'satisfied', comment: null }, 1);
    h.add('2026-12-01 09:00', { type: 'closed', reason: 'rated', answer: null, meetingId: null }, 1);
    s = foldProblem(h.events, cal);
    expect(s).toMatchObject({
      status: 'rated',
      onTime: true,
      lateRounds: 0,
      ratingsTotal: 1,
      ratingsSatisfied: 1,
      closeWorkingDays: 6,
    });
    expect(s.assignments[0]).toMatchObject({ status: 'answered', answerOnTime: true, answerWorkingDays: 4 });
    // The co-handler never answered: its part is cancelled with the problem.
    expect(s.assignments[1]?.status).toBe('cancelled');
  });

  it('退单 once per department; the owner re-dispatches with a new clock; a designated department cannot return', () => {
    const h = history();
    raise(h);
    h.add('2026-11-23 10:00', { type: 'accepted', ownerUserId: OWNER, ownerUnitId: 1 });
    h.add('2026-11-23 10:00', { type: 'dispatched', targets: [dispatch(1, A)], policy: DEFAULT_SLA, note: null });
    let s = foldProblem(h.events, cal);
    expect(checkReturn(s, s.assignments[0]!)).toBeNull();
    h.add('2026-11-24 10:00', { type: 'returned', assignmentNo: 1, reason: '不属于本部门职责' }, 30);
    s = foldProblem(h.events, cal);
    expect(s.status).toBe('returned');
    expect(s.returnedDeptIds).toEqual([A]);
    expect(checkDispatch(s, [{ deptUnitId: A, role: 'lead', designated: false }])).toBeNull();
    // Re-dispatched to the same department: it may not return a second time.
    h.add('2026-11-25 10:00', { type: 'dispatched', targets: [dispatch(2, A)], policy: DEFAULT_SLA, note: null });
    s = foldProblem(h.events, cal);
    expect(checkReturn(s, s.assignments[1]!)?.zh).toBe('本部门已退过一次单，同一问题不能再次退单');
    expect(s.answerDue).toEqual(dueOn('2026-12-02'));
    // A designated department cannot return at all.
    const h2 = history();
    raise(h2);
    h2.add('2026-11-23 10:00', { type: 'accepted', ownerUserId: OWNER, ownerUnitId: 1 });
    h2.add('2026-11-23 10:00', {
      type: 'dispatched',
      targets: [dispatch(1, C, 'lead', true)],
      policy: DEFAULT_SLA,
      note: null,
    });
    const s2 = foldProblem(h2.events, cal);
    expect(checkReturn(s2, s2.assignments[0]!)?.zh).toBe('该问题为指定办理，不能退单');
    expect(checkAnswer(s2, s2.assignments[0]!)?.zh).toBe('请先签收再答复');
  });

  it('延期 approved moves the answer and feedback deadlines; refused leaves them; both stay visible', () => {
    const h = history();
    raise(h);
    h.add('2026-11-23 10:00', { type: 'accepted', ownerUserId: OWNER, ownerUnitId: 1 });
    h.add('2026-11-23 10:00', { type: 'dispatched', targets: [dispatch(1, A)], policy: DEFAULT_SLA, note: null });
    h.add('2026-11-24 10:00', { type: 'signed', assignmentNo: 1 }, 30);
    h.add(
      '2026-11-25 10:00',
      { type: 'extension_requested', requestNo: 1, assignmentNo: 1, days: 3, reason: '需现场踏勘' },
      30,
    );
    h.add('2026-11-25 11:00', { type: 'extension_decided', requestNo: 1, approved: false, note: '时间充足' });
    h.add(
      '2026-11-26 10:00',
      { type: 'extension_requested', requestNo: 2, assignmentNo: 1, days: 3, reason: '需省厅批复' },
      30,
    );
    h.add('2026-11-26 11:00', { type: 'extension_decided', requestNo: 2, approved: true, note: null });
    const s = foldProblem(h.events, cal);
    expect(s.extensions.map((x) => x.status)).toEqual(['refused', 'approved']);
    expect(s.answerDue).toEqual(dueOn('2026-12-03'));
    expect(s.feedbackDue).toEqual(dueOn('2026-12-03'));
    expect(s.obligations.find((o) => o.key === 'answer:1')?.dues.map((x) => [x.due.date, x.cause])).toEqual([
      ['2026-11-30', 'dispatch'],
      ['2026-12-03', 'extension'],
    ]);
  });

  it('不满意 reopens (重办) with a new deadline for the lead department; a late round makes the close late', () => {
    const h = history();
    raise(h);
    h.add('2026-11-23 10:00', { type: 'accepted', ownerUserId: OWNER, ownerUnitId: 1 });
    h.add('2026-11-23 10:00', { type: 'dispatched', targets: [dispatch(1, A)], policy: DEFAULT_SLA, note: null });
    h.add('2026-11-23 15:00', { type: 'signed', assignmentNo: 1 }, 30);
    h.add('2026-11-26 15:00', { type: 'answered', assignmentNo: 1, text: '初步答复' }, 30);
    h.add('2026-11-27 09:00', { type: 'fed_back', text: '初步答复' });
    h.add('2026-11-27 10:00', { type: 'rated', rating: 'unsatisfied', comment: '没有解决' }, 1);
    h.add('2026-11-27 10:00', { type: 'reopened', round: 2, assignmentNo: 2, deptUnitId: A, policy: DEFAULT_SLA }, 1);
    let s = foldProblem(h.events, cal);
    expect(s).toMatchObject({
      status: 'in_progress',
      round: 2,
      leadNo: 2,
      answeredAt: null,
      ratingsTotal: 1,
      ratingsSatisfied: 0,
    });
    expect(s.answerDue).toEqual(dueOn('2026-12-04'));
    expect(s.assignments[1]).toMatchObject({ role: 'lead', designated: true, status: 'in_hand', round: 2 });
    h.add('2026-12-07 10:00', { type: 'answered', assignmentNo: 2, text: '已解决' }, 30);
    h.add('2026-12-07 11:00', { type: 'fed_back', text: '已解决' });
    h.add('2026-12-07 12:00', { type: 'rated', rating: 'basically_satisfied', comment: null }, 1);
    h.add('2026-12-07 12:00', { type: 'closed', reason: 'rated', answer: null, meetingId: null }, 1);
    s = foldProblem(h.events, cal);
    expect(s).toMatchObject({ status: 'rated', lateRounds: 1, onTime: false, ratingsTotal: 2, ratingsSatisfied: 1 });
  });

  it('a deadline in 2027 is provisional (weekends only) with the year, and exact once 2027 is loaded', () => {
    const h = history();
    raise(h, '2026-12-28 09:00');
    h.add('2026-12-28 10:00', { type: 'accepted', ownerUserId: OWNER, ownerUnitId: 1 });
    h.add('2026-12-28 10:00', { type: 'dispatched', targets: [dispatch(1, A)], policy: DEFAULT_SLA, note: null });
    const s = foldProblem(h.events, cal);
    expect(s.answerDue).toEqual(dueOn('2027-01-04', 2027));
    expect(s.provisionalYear).toBe(2027);
    const with2027 = buildCalendar(
      [2026, 2027],
      [...OFFICIAL_2026, { date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    );
    const later = foldProblem(h.events, with2027);
    expect(later.answerDue).toEqual(dueOn('2027-01-05'));
    expect(later.provisionalYear).toBeNull();
  });
});

describe('SLA reminders are derived from history', () => {
  const dispatched = () => {
    const h = history();
    raise(h);
    h.add('2026-11-23 10:00', { type: 'accepted', ownerUserId: OWNER, ownerUnitId: 1 });
    h.add('2026-11-23 10:00', { type: 'dispatched', targets: [dispatch(1, A)], policy: DEFAULT_SLA, note: null });
    return h;
  };
  const keys = (h: ReturnType<typeof history>, asOf: string) =>
    owedReminders(foldProblem(h.events, cal), cal, asOf).map((r) => `${r.fireOn} ${r.key}`);

  it.each([
    ['2026-11-23', []],
    ['2026-11-24', []],
    ['2026-11-25', ['2026-11-25 urge:sign:1:2026-11-24']],
    [
      '2026-11-27',
      [
        '2026-11-25 urge:sign:1:2026-11-24',
        '2026-11-27 warning:answer:1:2026-11-30',
        '2026-11-27 warning:feedback:r1:2026-11-30',
      ],
    ],
    [
      '2026-12-08',
      [
        '2026-11-25 urge:sign:1:2026-11-24',
        '2026-11-27 warning:answer:1:2026-11-30',
        '2026-11-27 warning:feedback:r1:2026-11-30',
        '2026-12-01 urge:answer:1:2026-11-30',
        '2026-12-01 urge:feedback:r1:2026-11-30',
        '2026-12-02 report:sign:1:2026-11-24',
        '2026-12-08 report:answer:1:2026-11-30',
        '2026-12-08 report:feedback:r1:2026-11-30',
      ],
    ],
  ])('nothing done: as of %s the owed reminders are %j', (asOf, expected) => {
    expect(keys(dispatched(), asOf)).toEqual(expected);
  });

  it('signing in time means no 催办 for signing; an extension replaces the old deadline’s reminders after it', () => {
    const h = dispatched();
    h.add('2026-11-24 09:00', { type: 'signed', assignmentNo: 1 }, 30);
    h.add(
      '2026-11-27 15:00',
      { type: 'extension_requested', requestNo: 1, assignmentNo: 1, days: 2, reason: '等待批复' },
      30,
    );
    h.add('2026-11-27 16:00', { type: 'extension_decided', requestNo: 1, approved: true, note: null });
    expect(keys(h, '2026-12-09')).toEqual([
      // sent on 11-27 for the deadline then in force; the approval that day takes effect from 11-28
      '2026-11-27 warning:answer:1:2026-11-30',
      '2026-11-27 warning:feedback:r1:2026-11-30',
      '2026-12-01 warning:answer:1:2026-12-02',
      '2026-12-01 warning:feedback:r1:2026-12-02',
      '2026-12-03 urge:answer:1:2026-12-02',
      '2026-12-03 urge:feedback:r1:2026-12-02',
    ]);
  });

  it('the owed set only grows with time, and what the job records is exactly what is owed', () => {
    const h = dispatched();
    let prev: string[] = [];
    for (const day of [
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-08',
    ]) {
      // the job of that day: append every unsent owed reminder
      const s = foldProblem(h.events, cal);
      for (const r of unsentReminders(s, cal, day))
        h.add(
          `${day} 00:05`,
          {
            type: 'reminder',
            key: r.key,
            kind: r.kind,
            step: r.step,
            assignmentNo: r.assignmentNo,
            round: r.round,
            due: r.due,
            fireOn: r.fireOn,
            late: false,
          },
          null,
        );
      const now = keys(h, day);
      expect(prev.every((k) => now.includes(k))).toBe(true);
      prev = now;
      const after = foldProblem(h.events, cal);
      expect([...after.reminderKeys].sort()).toEqual(
        owedReminders(after, cal, day)
          .map((r) => r.key)
          .sort(),
      );
    }
    expect(nextReminderOn(foldProblem(h.events, cal), cal)).toBeNull();
  });

  it('nextReminderOn tells the job when to look again', () => {
    const h = dispatched();
    expect(nextReminderOn(foldProblem(h.events, cal), cal)).toBe('2026-11-25');
    h.add('2026-11-24 09:00', { type: 'signed', assignmentNo: 1 }, 30);
    expect(nextReminderOn(foldProblem(h.events, cal), cal)).toBe('2026-11-27');
  });
});
