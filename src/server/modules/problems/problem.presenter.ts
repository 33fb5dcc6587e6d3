import type { CalendarData } from '../../../domain/calendar.js';
import { chinaDate, type IsoDate } from '../../../domain/dates.js';
import { stepState, type Due } from '../../../domain/sla.js';
import { timelinessOf } from '../../../domain/problem-stats.js';
import type { ProblemSource, ProblemStatus, Rating } from '../../../domain/problem-events.js';
import type { ProblemItem } from '../../../shared/api/problems.js';
import type { ProblemListRow } from './problem.repository.js';

/** 问题编号: WT + year raised + six-digit id, e.g. WT2026000123. */
export function problemCode(id: number, raisedAt: Date): string {
  return `WT${chinaDate(raisedAt).slice(0, 4)}${String(id).padStart(6, '0')}`;
}

const asDue = (date: string | null, provisionalYear: number | null): Due | null =>
  date ? { date, provisionalYear } : null;

export interface AssignmentBrief {
  problemId: number;
  no: number;
  deptUnitId: number;
  deptName: string;
  deptPath: string;
  role: string;
  status: string;
  signDue: string | null;
  answerDue: string | null;
  provisionalYear: number | null;
  answeredAt: Date | null;
}

/** A row of the ledger as the API shows it. */
export function presentListItem(
  r: ProblemListRow,
  assignments: AssignmentBrief[],
  actorPath: string | null,
  cal: CalendarData,
  today: IsoDate,
): ProblemItem {
  const final = r.status === 'rated' || r.status === 'closed';
  const due = asDue(r.answerDue, r.slaProvisionalYear);
  const answeredOn = r.answeredAt ? chinaDate(r.answeredAt) : null;
  const mine =
    actorPath === null
      ? undefined
      : ([...assignments].reverse().find((a) => a.deptPath.startsWith(actorPath) && a.status !== 'returned') ??
        [...assignments].reverse().find((a) => a.deptPath.startsWith(actorPath)));
  const myDue = mine
    ? mine.status === 'to_sign'
      ? asDue(mine.signDue, mine.provisionalYear)
      : asDue(mine.answerDue, mine.provisionalYear)
    : null;
  return {
    id: r.id,
    code: problemCode(r.id, r.raisedAt),
    title: r.title,
    category: r.category,
    source: r.source as ProblemSource,
    status: r.status as ProblemStatus,
    firm: r.firmUnitId ? { id: r.firmUnitId, name: r.firmName ?? '' } : null,
    project: r.projectId ? { id: r.projectId, name: r.projectName ?? '' } : null,
    leadDept: r.leadDeptUnitId ? { id: r.leadDeptUnitId, name: r.leadDeptName ?? '' } : null,
    coDepts: assignments
      .filter((a) => a.role === 'co' && a.status !== 'returned')
      .map((a) => ({ id: a.deptUnitId, name: a.deptName })),
    owner: r.ownerUserId ? { id: r.ownerUserId, name: r.ownerName ?? '' } : null,
    raisedAt: r.raisedAt.toISOString(),
    firstDispatchedAt: r.firstDispatchedAt?.toISOString() ?? null,
    answerDue: r.answerDue,
    feedbackDue: r.feedbackDue,
    slaProvisionalYear: r.slaProvisionalYear,
    dueState: final ? 'closed' : due ? stepState(cal, due, answeredOn, today) : 'none',
    timeliness: timelinessOf(
      {
        final,
        onTime: r.onTime,
        lateRounds: r.lateRounds,
        answeredAt: r.answeredAt?.toISOString() ?? null,
        answerDue: r.answerDue,
      },
      today,
    ),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    rating: (r.rating as Rating | null) ?? null,
    version: r.version,
    myAssignment: mine
      ? {
          no: mine.no,
          role: mine.role,
          status: mine.status,
          signDue: mine.signDue,
          answerDue: mine.answerDue,
          provisionalYear: mine.provisionalYear,
          dueState:
            myDue && (mine.status === 'to_sign' || mine.status === 'in_hand')
              ? stepState(cal, myDue, null, today)
              : 'none',
        }
      : null,
  };
}
