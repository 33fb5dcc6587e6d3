import type { CalendarData } from './calendar.js';
import { chinaDate, type IsoDate } from './dates.js';
import { dispatchDeadlines, dueAfter, elapsedWorkingDays, shiftDue, type Due } from './sla.js';
import type { ProblemEvent, ProblemStatus } from './problem-events.js';
import type { AssignmentState, DueEntry, Obligation, ProblemState } from './problem-state.js';

export type {
  AssignmentState,
  AssignmentStatus,
  DueEntry,
  ExtensionState,
  Obligation,
  ProblemState,
} from './problem-state.js';

export class ProblemHistoryError extends Error {}

const dayOf = (at: string): IsoDate => chinaDate(new Date(at));

function emptyState(first: ProblemEvent): ProblemState {
  if (first.type !== 'raised') throw new ProblemHistoryError('history must start with raised');
  return {
    status: 'submitted',
    source: first.source,
    raiserUserId: first.raiserUserId,
    raisedAt: first.at,
    raisedOn: dayOf(first.at),
    ownerUserId: null,
    ownerUnitId: null,
    round: 1,
    assignments: [],
    extensions: [],
    leadNo: null,
    firstDispatchedAt: null,
    answerDue: null,
    feedbackDue: null,
    answeredAt: null,
    answer: null,
    fedBackAt: null,
    feedback: null,
    rating: null,
    ratingComment: null,
    ratingsTotal: 0,
    ratingsSatisfied: 0,
    closedAt: null,
    closeReason: null,
    closeAnswer: null,
    lateRounds: 0,
    onTime: null,
    closeWorkingDays: null,
    obligations: [],
    reminderKeys: [],
    returnedDeptIds: [],
    provisionalYear: null,
  };
}

function assignment(s: ProblemState, no: number): AssignmentState {
  const a = s.assignments.find((x) => x.no === no);
  if (!a) throw new ProblemHistoryError(`no assignment ${no}`);
  return a;
}

function obligation(s: ProblemState, key: string): Obligation | undefined {
  return s.obligations.find((o) => o.key === key);
}

function endObligation(s: ProblemState, key: string, on: IsoDate, done: boolean): void {
  const o = obligation(s, key);
  if (o && o.endOn === null) {
    o.endOn = on;
    if (done) o.doneOn = on;
  }
}

function lastDue(o: Obligation): Due {
  return (o.dues[o.dues.length - 1] as DueEntry).due;
}

/** The feedback obligation of the current round follows the lead's answer deadline. */
function setFeedbackDue(
  s: ProblemState,
  cal: CalendarData,
  lead: AssignmentState,
  from: IsoDate,
  cause: DueEntry['cause'],
): void {
  const due = shiftDue(cal, lead.answerDue, lead.policy.feedbackAfterAnswerDays);
  s.feedbackDue = due;
  const key = `feedback:r${s.round}`;
  const o = obligation(s, key);
  const entry: DueEntry = {
    due,
    from,
    cause,
    startOn: lead.dispatchedOn,
    days: lead.policy.answerDays + lead.extensionDays + lead.policy.feedbackAfterAnswerDays,
  };
  if (!o)
    s.obligations.push({
      key,
      step: 'feedback',
      assignmentNo: null,
      round: s.round,
      deptUnitId: null,
      dues: [entry],
      endOn: null,
      doneOn: null,
    });
  else if (o.endOn === null) o.dues.push(entry);
}

function judgeRound(s: ProblemState, lead: AssignmentState | undefined, doneOn: IsoDate): void {
  if (!lead || lead.answerDue.date === null) return;
  if (doneOn > lead.answerDue.date) s.lateRounds++;
}

function apply(s: ProblemState, e: ProblemEvent, cal: CalendarData): void {
  const on = dayOf(e.at);
  switch (e.type) {
    case 'raised':
      throw new ProblemHistoryError('raised twice');
    case 'accepted':
      s.ownerUserId = e.ownerUserId;
      s.ownerUnitId = e.ownerUnitId;
      s.status = 'accepted';
      return;
    case 'handed_over':
      s.ownerUserId = e.toUserId;
      s.ownerUnitId = e.toUnitId;
      return;
    case 'dispatched': {
      s.firstDispatchedAt ??= e.at;
      const redispatch = s.leadNo !== null;
      for (const t of e.targets) {
        const d = dispatchDeadlines(cal, on, e.policy);
        const a: AssignmentState = {
          no: t.no,
          deptUnitId: t.deptUnitId,
          role: t.role,
          designated: t.designated,
          round: s.round,
          dispatchedAt: e.at,
          dispatchedOn: on,
          policy: e.policy,
          signDue: d.signDue,
          answerDue: d.answerDue,
          extensionDays: 0,
          signedAt: null,
          answeredAt: null,
          answer: null,
          returnedAt: null,
          returnReason: null,
          status: 'to_sign',
          answerOnTime: null,
          answerWorkingDays: null,
        };
        s.assignments.push(a);
        const base = { assignmentNo: t.no, round: s.round, deptUnitId: t.deptUnitId, endOn: null, doneOn: null };
        s.obligations.push({
          ...base,
          key: `sign:${t.no}`,
          step: 'sign',
          dues: [{ due: d.signDue, from: on, cause: 'dispatch', startOn: on, days: e.policy.signDays }],
        });
        s.obligations.push({
          ...base,
          key: `answer:${t.no}`,
          step: 'answer',
          dues: [{ due: d.answerDue, from: on, cause: 'dispatch', startOn: on, days: e.policy.answerDays }],
        });
        if (t.role === 'lead') {
          s.leadNo = t.no;
          s.answerDue = d.answerDue;
          setFeedbackDue(s, cal, a, on, redispatch ? 'redispatch' : 'dispatch');
        }
      }
      if (e.targets.some((t) => t.role === 'lead')) s.status = 'dispatched';
      return;
    }
    case 'signed': {
      const a = assignment(s, e.assignmentNo);
      a.signedAt = e.at;
      a.status = 'in_hand';
      endObligation(s, `sign:${a.no}`, on, true);
      if (a.no === s.leadNo && s.status === 'dispatched') s.status = 'in_progress';
      return;
    }
    case 'returned': {
      const a = assignment(s, e.assignmentNo);
      a.returnedAt = e.at;
      a.returnReason = e.reason;
      a.status = 'returned';
      endObligation(s, `sign:${a.no}`, on, false);
      endObligation(s, `answer:${a.no}`, on, false);
      if (!s.returnedDeptIds.includes(a.deptUnitId)) s.returnedDeptIds.push(a.deptUnitId);
      if (a.no === s.leadNo) s.status = 'returned';
      return;
    }
    case 'extension_requested':
      s.extensions.push({
        requestNo: e.requestNo,
        assignmentNo: e.assignmentNo,
        days: e.days,
        reason: e.reason,
        requestedAt: e.at,
        requestedBy: e.actorUserId,
        status: 'pending',
        decidedAt: null,
        decidedBy: null,
        note: null,
      });
      return;
    case 'extension_decided': {
      const x = s.extensions.find((r) => r.requestNo === e.requestNo);
      if (!x) throw new ProblemHistoryError(`no extension request ${e.requestNo}`);
      x.status = e.approved ? 'approved' : 'refused';
      x.decidedAt = e.at;
      x.decidedBy = e.actorUserId;
      x.note = e.note;
      if (!e.approved) return;
      const a = assignment(s, x.assignmentNo);
      a.extensionDays += x.days;
      a.answerDue = shiftDue(cal, a.answerDue, x.days);
      obligation(s, `answer:${a.no}`)?.dues.push({
        due: a.answerDue,
        from: on,
        cause: 'extension',
        startOn: a.dispatchedOn,
        days: a.policy.answerDays + a.extensionDays,
      });
      if (a.no === s.leadNo) {
        s.answerDue = a.answerDue;
        setFeedbackDue(s, cal, a, on, 'extension');
      }
      return;
    }
    case 'answered': {
      const a = assignment(s, e.assignmentNo);
      a.answeredAt = e.at;
      a.answer = e.text;
      a.status = 'answered';
      a.answerOnTime = on <= a.answerDue.date;
      a.answerWorkingDays = elapsedWorkingDays(cal, a.dispatchedOn, on);
      endObligation(s, `sign:${a.no}`, on, true);
      endObligation(s, `answer:${a.no}`, on, true);
      if (a.no === s.leadNo) {
        s.answeredAt = e.at;
        s.answer = e.text;
        s.status = 'answered';
        judgeRound(s, a, on);
      }
      return;
    }
    case 'fed_back':
      s.fedBackAt = e.at;
      s.feedback = e.text;
      s.status = 'fed_back';
      endObligation(s, `feedback:r${s.round}`, on, true);
      return;
    case 'rated':
      s.rating = e.rating;
      s.ratingComment = e.comment;
      s.ratingsTotal++;
      if (e.rating !== 'unsatisfied') s.ratingsSatisfied++;
      return;
    case 'reopened': {
      s.round = e.round;
      const due = dueAfter(cal, on, e.policy.answerDays);
      const a: AssignmentState = {
        no: e.assignmentNo,
        deptUnitId: e.deptUnitId,
        role: 'lead',
        designated: true,
        round: e.round,
        dispatchedAt: e.at,
        dispatchedOn: on,
        policy: e.policy,
        signDue: null,
        answerDue: due,
        extensionDays: 0,
        signedAt: e.at,
        answeredAt: null,
        answer: null,
        returnedAt: null,
        returnReason: null,
        status: 'in_hand',
        answerOnTime: null,
        answerWorkingDays: null,
      };
      s.assignments.push(a);
      s.obligations.push({
        key: `answer:${a.no}`,
        step: 'answer',
        assignmentNo: a.no,
        round: e.round,
        deptUnitId: a.deptUnitId,
        dues: [{ due, from: on, cause: 'reopen', startOn: on, days: e.policy.answerDays }],
        endOn: null,
        doneOn: null,
      });
      s.leadNo = a.no;
      s.answerDue = due;
      s.answeredAt = null;
      s.answer = null;
      s.fedBackAt = null;
      s.feedback = null;
      setFeedbackDue(s, cal, a, on, 'reopen');
      s.status = 'in_progress';
      return;
    }
    case 'closed': {
      s.closedAt = e.at;
      s.closeReason = e.reason;
      s.closeAnswer = e.answer;
      s.status = e.reason === 'rated' ? 'rated' : 'closed';
      const lead = s.leadNo === null ? undefined : assignment(s, s.leadNo);
      // Closed before the lead answered: the round is judged by the closing day.
      if (lead && lead.answeredAt === null && lead.status !== 'returned') judgeRound(s, lead, on);
      for (const a of s.assignments) if (a.status === 'to_sign' || a.status === 'in_hand') a.status = 'cancelled';
      for (const o of s.obligations) if (o.endOn === null) o.endOn = on;
      s.onTime = s.lateRounds === 0;
      s.closeWorkingDays = elapsedWorkingDays(cal, s.raisedOn, on);
      return;
    }
    case 'reminder':
      s.reminderKeys.push(e.key);
      return;
  }
}

/** The earliest year a live deadline of the problem is provisional on (暂定), or null. */
function firstProvisionalYear(s: ProblemState): number | null {
  let y: number | null = null;
  const see = (d: Due | null) => {
    if (d?.provisionalYear && (y === null || d.provisionalYear < y)) y = d.provisionalYear;
  };
  for (const a of s.assignments) {
    if (a.status === 'returned') continue;
    see(a.signDue);
    see(a.answerDue);
  }
  see(s.answerDue);
  see(s.feedbackDue);
  return y;
}

/**
 * Folds a problem's whole history into its state. Pure: the same events and calendar always give
 * the same state, which is how the stored state is checked (recompute from history = stored).
 */
export function foldProblem(events: readonly ProblemEvent[], cal: CalendarData): ProblemState {
  const [first, ...rest] = events;
  if (!first) throw new ProblemHistoryError('empty history');
  const s = emptyState(first);
  for (const e of rest) apply(s, e, cal);
  s.provisionalYear = firstProvisionalYear(s);
  return s;
}

export function isFinal(status: ProblemStatus): boolean {
  return status === 'rated' || status === 'closed';
}

export { lastDue };
