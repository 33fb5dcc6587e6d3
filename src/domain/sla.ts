import { addWorkingDays, provisionalYear, workingDaysElapsed, type CalendarData } from './calendar.js';
import type { IsoDate } from './dates.js';

/**
 * 限时办结制 (resolution within a time limit), counted in working days of the official calendar.
 * Every clock starts at 派单 (dispatch), never at 签收 (signing): a department that signs late has
 * less time left, not more.
 */
export interface SlaPolicy {
  /** 签收: working days after the dispatch date (default 1). */
  signDays: number;
  /** 答复: working days after the dispatch date (default 5). */
  answerDays: number;
  /** 反馈 to the raiser: working days after the answer deadline (default 0 = by the answer deadline). */
  feedbackAfterAnswerDays: number;
}

export const DEFAULT_SLA: SlaPolicy = { signDays: 1, answerDays: 5, feedbackAfterAnswerDays: 0 };

/** 通报 goes to the leader in charge this many working days after the 催办. */
export const URGE_TO_REPORT_DAYS = 5;

/**
 * A deadline. When counting it crossed a year whose official calendar is not loaded (2027 until the
 * State Council publishes it), the date is provisional (暂定): counted on weekends only, used for
 * reminders like any other, and recomputed when the year is loaded. `provisionalYear` names that year.
 */
export interface Due {
  date: IsoDate;
  provisionalYear: number | null;
}

export const dueOn = (date: IsoDate, provisional: number | null = null): Due => ({
  date,
  provisionalYear: provisional,
});

/**
 * Memo per calendar object: folds recompute the same few deadlines over and over (every step of every
 * problem, a million problems in the generator). A changed calendar is a new object, so a new memo.
 */
const memo = new WeakMap<CalendarData, Map<string, Due>>();

/** The `days`th working day after `from` (negative: before); provisional if `from` is or the count crosses a missing year. */
export function shiftDue(cal: CalendarData, from: Due, days: number): Due {
  let m = memo.get(cal);
  if (!m) memo.set(cal, (m = new Map()));
  const key = `${from.date}|${from.provisionalYear ?? ''}|${days}`;
  const hit = m.get(key);
  if (hit) return hit;
  const date = addWorkingDays(cal, from.date, days);
  const out = dueOn(date, from.provisionalYear ?? provisionalYear(cal, from.date, date));
  m.set(key, out);
  return out;
}

/** The deadline of a step that must be done within `days` working days of `startOn`. */
export function dueAfter(cal: CalendarData, startOn: IsoDate, days: number): Due {
  return shiftDue(cal, dueOn(startOn), days);
}

export interface StepDeadlines {
  signDue: Due;
  answerDue: Due;
  feedbackDue: Due;
}

/** The three deadlines of one dispatch, all counted from the dispatch date. */
export function dispatchDeadlines(cal: CalendarData, dispatchedOn: IsoDate, policy: SlaPolicy): StepDeadlines {
  const answerDue = dueAfter(cal, dispatchedOn, policy.answerDays);
  return {
    signDue: dueAfter(cal, dispatchedOn, policy.signDays),
    answerDue,
    feedbackDue: shiftDue(cal, answerDue, policy.feedbackAfterAnswerDays),
  };
}

export type ReminderKind = 'warning' | 'urge' | 'report';

/**
 * When each reminder of a deadline fires: 预警 one working day before it, 催办 (to the department's
 * head) the working day after a missed one, 通报 (to the leader in charge) 5 working days after that.
 */
export function reminderDate(cal: CalendarData, due: Due, kind: ReminderKind): Due {
  switch (kind) {
    case 'warning':
      return shiftDue(cal, due, -1);
    case 'urge':
      return shiftDue(cal, due, 1);
    case 'report':
      return shiftDue(cal, shiftDue(cal, due, 1), URGE_TO_REPORT_DAYS);
  }
}

export type StepState = 'done_on_time' | 'done_late' | 'overdue' | 'due_soon' | 'open';

/**
 * The state of one step on `today`: done (on time or late), overdue, due soon (the deadline is today
 * or the next working day), or open. A provisional deadline is judged by its provisional date.
 */
export function stepState(cal: CalendarData, due: Due, doneOn: IsoDate | null, today: IsoDate): StepState {
  if (doneOn !== null) return doneOn <= due.date ? 'done_on_time' : 'done_late';
  if (today > due.date) return 'overdue';
  const soon = shiftDue(cal, dueOn(today), 1);
  if (soon.date >= due.date) return 'due_soon';
  return 'open';
}

/** Working days a step took (start day not counted); weekends only across a year not loaded. */
export function elapsedWorkingDays(cal: CalendarData, fromOn: IsoDate, toOn: IsoDate): number {
  return workingDaysElapsed(cal, fromOn, toOn);
}
