import { addWorkingDays, provisionalYear, type CalendarData } from './calendar.js';
import { workingDaysAfter } from './working-days.js';
import type { IsoDate } from './dates.js';

/**
 * 批管验联动: how long each approval or acceptance takes, in working days by the official calendar.
 * The day an application is submitted is not counted (受理之日起 N 个工作日内办结): submitted on
 * Wednesday 30 Sep 2026 and completed on Friday 9 Oct 2026 took 2 working days (8 and 9 October).
 */
export type ApprovalStatus = 'not_submitted' | 'in_progress' | 'overdue' | 'done' | 'done_late';

export interface ApprovalTimingInput {
  targetDays: number;
  submittedOn: IsoDate | null;
  completedOn: IsoDate | null;
}

export interface ApprovalTiming {
  status: ApprovalStatus;
  /** Working days from submission to completion (or to today while open); null before submission. */
  usedDays: number | null;
  /** The last day to complete within the target; null before submission. */
  dueOn: IsoDate | null;
  /** Working days beyond the target (0 when within). */
  overDays: number;
  /** A year not loaded that the figures were counted across (weekends only): they are provisional (暂定). */
  provisionalYear: number | null;
}

export function timeApproval(cal: CalendarData, item: ApprovalTimingInput, today: IsoDate): ApprovalTiming {
  if (!item.submittedOn)
    return { status: 'not_submitted', usedDays: null, dueOn: null, overDays: 0, provisionalYear: null };
  const submittedOn = item.submittedOn;
  const until = item.completedOn ?? today;
  const usedDays = Math.max(0, workingDaysAfter(cal, submittedOn, until));
  const dueOn = addWorkingDays(cal, submittedOn, item.targetDays);
  // 暂定 when either count crossed a year whose schedule is not loaded (weekends only there).
  const provisional = provisionalYear(cal, submittedOn, until > dueOn ? until : dueOn);
  const overDays = Math.max(0, usedDays - item.targetDays);
  const status: ApprovalStatus = item.completedOn
    ? overDays > 0
      ? 'done_late'
      : 'done'
    : overDays > 0
      ? 'overdue'
      : 'in_progress';
  return { status, usedDays, dueOn, overDays, provisionalYear: provisional };
}

export interface PhaseSummary<P extends string> {
  phase: P;
  items: number;
  submitted: number;
  done: number;
  targetDays: number;
  usedDays: number;
  overdue: number;
}

/** Working days used against target per phase (立项用地规划 / 施工 / 验收), over submitted items. */
export function summarisePhases<P extends string>(
  items: Array<{ phase: P; targetDays: number; timing: ApprovalTiming }>,
  phases: readonly P[],
): Array<PhaseSummary<P>> {
  return phases.map((phase) => {
    const mine = items.filter((i) => i.phase === phase);
    const submitted = mine.filter((i) => i.timing.usedDays !== null);
    return {
      phase,
      items: mine.length,
      submitted: submitted.length,
      done: mine.filter((i) => i.timing.status === 'done' || i.timing.status === 'done_late').length,
      targetDays: submitted.reduce((s, i) => s + i.targetDays, 0),
      usedDays: submitted.reduce((s, i) => s + (i.timing.usedDays ?? 0), 0),
      overdue: mine.filter((i) => i.timing.status === 'overdue' || i.timing.status === 'done_late').length,
    };
  });
}

export interface DurationStats {
  count: number;
  average: number | null;
  median: number | null;
  max: number | null;
  min: number | null;
  withinTarget: number;
  /** Share (0–100) completed within the target. */
  withinTargetRate: number | null;
}

/** Average, median and spread of completed durations (the acceptance-duration report). */
export function durationStats(rows: Array<{ usedDays: number; targetDays: number }>): DurationStats {
  if (rows.length === 0)
    return { count: 0, average: null, median: null, max: null, min: null, withinTarget: 0, withinTargetRate: null };
  const days = rows.map((r) => r.usedDays).sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  const median = days.length % 2 ? (days[mid] as number) : ((days[mid - 1] as number) + (days[mid] as number)) / 2;
  const within = rows.filter((r) => r.usedDays <= r.targetDays).length;
  return {
    count: rows.length,
    average: Math.round((days.reduce((s, d) => s + d, 0) / days.length) * 10) / 10,
    median,
    max: days[days.length - 1] as number,
    min: days[0] as number,
    withinTarget: within,
    withinTargetRate: Math.round((within / rows.length) * 1000) / 10,
  };
}
