import type { IsoDate } from './dates.js';
import type { Due, SlaPolicy } from './sla.js';
import type { AssignmentRole, CloseReason, ProblemSource, ProblemStatus, Rating, Step } from './problem-events.js';

/** The state a problem's history folds into (problem-flow.ts), and its parts. */
/** A deadline in force from the day after `from` (reminders firing later than `from` use it). */
export interface DueEntry {
  due: Due;
  from: IsoDate;
  /** Why it is what it is: the dispatch, an approved extension, a re-dispatch, a 重办. */
  cause: 'dispatch' | 'extension' | 'redispatch' | 'reopen';
  startOn: IsoDate;
  days: number;
}

/** Something someone owes by a deadline: a department's 签收 or 答复, the owner's 反馈. */
export interface Obligation {
  key: string;
  step: Step;
  assignmentNo: number | null;
  round: number;
  deptUnitId: number | null;
  dues: DueEntry[];
  /** The day it stopped being owed (done, returned, closed), or null while open. */
  endOn: IsoDate | null;
  doneOn: IsoDate | null;
}

export type AssignmentStatus = 'to_sign' | 'in_hand' | 'answered' | 'returned' | 'cancelled';

export interface AssignmentState {
  no: number;
  deptUnitId: number;
  role: AssignmentRole;
  designated: boolean;
  round: number;
  dispatchedAt: string;
  dispatchedOn: IsoDate;
  policy: SlaPolicy;
  signDue: Due | null;
  answerDue: Due;
  extensionDays: number;
  signedAt: string | null;
  answeredAt: string | null;
  answer: string | null;
  returnedAt: string | null;
  returnReason: string | null;
  status: AssignmentStatus;
  /** null while unanswered or when the calendar cannot tell yet */
  answerOnTime: boolean | null;
  answerWorkingDays: number | null;
}

export interface ExtensionState {
  requestNo: number;
  assignmentNo: number;
  days: number;
  reason: string;
  requestedAt: string;
  requestedBy: number | null;
  status: 'pending' | 'approved' | 'refused';
  decidedAt: string | null;
  decidedBy: number | null;
  note: string | null;
}

export interface ProblemState {
  status: ProblemStatus;
  source: ProblemSource;
  raiserUserId: number | null;
  raisedAt: string;
  raisedOn: IsoDate;
  ownerUserId: number | null;
  ownerUnitId: number | null;
  round: number;
  assignments: AssignmentState[];
  extensions: ExtensionState[];
  /** The lead assignment of the current round (the last one dispatched, even if it was returned). */
  leadNo: number | null;
  firstDispatchedAt: string | null;
  answerDue: Due | null;
  feedbackDue: Due | null;
  answeredAt: string | null;
  answer: string | null;
  fedBackAt: string | null;
  feedback: string | null;
  rating: Rating | null;
  ratingComment: string | null;
  ratingsTotal: number;
  ratingsSatisfied: number;
  closedAt: string | null;
  closeReason: CloseReason | null;
  closeAnswer: string | null;
  /** Rounds whose lead answered (or the problem closed) after the deadline. */
  lateRounds: number;
  /** Set when closed: every round met its deadline. */
  onTime: boolean | null;
  closeWorkingDays: number | null;
  obligations: Obligation[];
  reminderKeys: string[];
  /** Departments that used their one 退单. */
  returnedDeptIds: number[];
  /** The first year whose missing calendar keeps a deadline from being computed. */
  provisionalYear: number | null;
}
