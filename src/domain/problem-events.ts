import type { Due, ReminderKind, SlaPolicy } from './sla.js';

/**
 * The problem ledger (问题台账: 企业吹哨、党委响应、部门报到) as an append-only history. Every step is
 * one event with its actor and time; the current state — status, owner, deadlines, reminders owed —
 * is a fold over the events (problem-flow.ts), so it can always be recomputed and checked.
 */
export const PROBLEM_SOURCES = ['firm', 'commissioner', 'meeting', 'supervision'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const PROBLEM_STATUSES = [
  'submitted',
  'accepted',
  'returned',
  'dispatched',
  'in_progress',
  'answered',
  'fed_back',
  'rated',
  'closed',
] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
/** 已评价 (closed by a satisfied rating) and 已关闭 (closed by the owner or a joint meeting) are final. */
export const FINAL_STATUSES: readonly ProblemStatus[] = ['rated', 'closed'];

export type AssignmentRole = 'lead' | 'co';
export type Step = 'sign' | 'answer' | 'feedback';
export type CloseReason = 'rated' | 'owner' | 'meeting';

export interface DispatchTarget {
  no: number;
  deptUnitId: number;
  role: AssignmentRole;
  /** 指定: a designated department cannot return the dispatch. */
  designated: boolean;
}

export type ProblemEventData =
  | { type: 'raised'; source: ProblemSource; raiserUserId: number | null }
  /** 受理: the first receiver becomes the owner (首办负责制). */
  | { type: 'accepted'; ownerUserId: number; ownerUnitId: number }
  /** Ownership moves only by a recorded hand-over. */
  | { type: 'handed_over'; fromUserId: number | null; toUserId: number; toUnitId: number; reason: string }
  /** 派单 to one lead department (主办) and any co-handling ones (协办); the SLA policy is frozen here. */
  | { type: 'dispatched'; targets: DispatchTarget[]; policy: SlaPolicy; note: string | null }
  | { type: 'signed'; assignmentNo: number }
  /** 退单: once per department, with a reason. */
  | { type: 'returned'; assignmentNo: number; reason: string }
  | { type: 'extension_requested'; requestNo: number; assignmentNo: number; days: number; reason: string }
  | { type: 'extension_decided'; requestNo: number; approved: boolean; note: string | null }
  | { type: 'answered'; assignmentNo: number; text: string }
  | { type: 'fed_back'; text: string }
  | { type: 'rated'; rating: Rating; comment: string | null }
  /** 重办 after 不满意: a new round for the lead department with a new deadline. */
  | { type: 'reopened'; round: number; assignmentNo: number; deptUnitId: number; policy: SlaPolicy }
  | { type: 'closed'; reason: CloseReason; answer: string | null; meetingId: number | null }
  /** 预警 / 催办 / 通报 sent by the SLA job; `key` makes it idempotent. */
  | {
      type: 'reminder';
      key: string;
      kind: ReminderKind;
      step: Step;
      assignmentNo: number | null;
      round: number;
      due: string;
      fireOn: string;
      late: boolean;
    };

export type ProblemEventType = ProblemEventData['type'];

export const PROBLEM_EVENT_TYPES = [
  'raised',
  'accepted',
  'handed_over',
  'dispatched',
  'signed',
  'returned',
  'extension_requested',
  'extension_decided',
  'answered',
  'fed_back',
  'rated',
  'reopened',
  'closed',
  'reminder',
] as const satisfies readonly ProblemEventType[];

export interface EventMeta {
  seq: number;
  /** ISO timestamp */
  at: string;
  actorUserId: number | null;
  actorUnitId: number | null;
}

export type ProblemEvent = EventMeta & ProblemEventData;

/** The part of an event that is stored as JSON beside its type. */
export function eventPayload(e: ProblemEventData): Record<string, unknown> {
  const { type: _type, ...rest } = e;
  return rest;
}

export type { Due };
