import type { CalendarData } from '../../../domain/calendar.js';
import { chinaDate } from '../../../domain/dates.js';
import type { ProblemState } from '../../../domain/problem-flow.js';
import { nextReminderOn } from '../../../domain/sla-reminders.js';

/**
 * The stored projection of a problem's history: the columns lists, queues and statistics read.
 * Always written from a fold of the whole history, so "recompute from history" equals "stored".
 */
export function projectProblem(s: ProblemState, cal: CalendarData) {
  const lead = s.leadNo === null ? undefined : s.assignments.find((a) => a.no === s.leadNo);
  const fedBackOn = s.fedBackAt ? chinaDate(new Date(s.fedBackAt)) : null;
  return {
    status: s.status,
    ownerUserId: s.ownerUserId,
    ownerUnitId: s.ownerUnitId,
    leadDeptUnitId: lead?.deptUnitId ?? null,
    round: s.round,
    firstDispatchedAt: s.firstDispatchedAt ? new Date(s.firstDispatchedAt) : null,
    answerDue: s.answerDue?.date ?? null,
    feedbackDue: s.feedbackDue?.date ?? null,
    slaProvisionalYear: s.provisionalYear,
    nextReminderOn: nextReminderOn(s, cal),
    answeredAt: s.answeredAt ? new Date(s.answeredAt) : null,
    fedBackAt: s.fedBackAt ? new Date(s.fedBackAt) : null,
    feedbackOnTime: fedBackOn === null || !s.feedbackDue?.date ? null : fedBackOn <= s.feedbackDue.date,
    closedAt: s.closedAt ? new Date(s.closedAt) : null,
    closeReason: s.closeReason,
    onTime: s.onTime,
    lateRounds: s.lateRounds,
    rating: s.rating,
    ratingsTotal: s.ratingsTotal,
    ratingsSatisfied: s.ratingsSatisfied,
    closeWorkingDays: s.closeWorkingDays,
    resultText: s.feedback ?? s.answer ?? s.closeAnswer,
  };
}

export type ProblemProjection = ReturnType<typeof projectProblem>;

export function projectAssignments(problemId: number, s: ProblemState) {
  return s.assignments.map((a) => ({
    problemId,
    no: a.no,
    deptUnitId: a.deptUnitId,
    role: a.role,
    designated: a.designated,
    round: a.round,
    dispatchedAt: new Date(a.dispatchedAt),
    signDue: a.signDue?.date ?? null,
    answerDue: a.answerDue.date,
    provisionalYear: a.answerDue.provisionalYear ?? a.signDue?.provisionalYear ?? null,
    signedAt: a.signedAt ? new Date(a.signedAt) : null,
    answeredAt: a.answeredAt ? new Date(a.answeredAt) : null,
    returnedAt: a.returnedAt ? new Date(a.returnedAt) : null,
    status: a.status,
    extensionDays: a.extensionDays,
    extensionPending: s.extensions.some((x) => x.assignmentNo === a.no && x.status === 'pending'),
    answerOnTime: a.answerOnTime,
    answerWorkingDays: a.answerWorkingDays,
  }));
}

export type AssignmentProjection = ReturnType<typeof projectAssignments>[number];
