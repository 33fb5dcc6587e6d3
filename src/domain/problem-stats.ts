import type { IsoDate } from './dates.js';

/**
 * The ledger's figures. 按期办结率 = closed on time ÷ (all closed + open overdue): an overdue problem
 * still open counts against the rate at once, so leaving a problem open never flatters it.
 */
export interface LedgerCounts {
  total: number;
  closed: number;
  closedOnTime: number;
  openOverdue: number;
  /** 限期反馈: problems whose feedback deadline has come (fed back, or past due). */
  feedbackDue: number;
  feedbackOnTime: number;
  ratings: number;
  satisfied: number;
  closeDaysSum: number;
  closeDaysCount: number;
}

export interface LedgerRates {
  onTimeRate: number | null;
  feedbackRate: number | null;
  satisfactionRate: number | null;
  avgCloseWorkingDays: number | null;
}

export function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

export function ledgerRates(c: LedgerCounts): LedgerRates {
  return {
    onTimeRate: ratio(c.closedOnTime, c.closed + c.openOverdue),
    feedbackRate: ratio(c.feedbackOnTime, c.feedbackDue),
    satisfactionRate: ratio(c.satisfied, c.ratings),
    avgCloseWorkingDays: c.closeDaysCount === 0 ? null : Math.round((c.closeDaysSum / c.closeDaysCount) * 10) / 10,
  };
}

export const EMPTY_COUNTS: LedgerCounts = {
  total: 0,
  closed: 0,
  closedOnTime: 0,
  openOverdue: 0,
  feedbackDue: 0,
  feedbackOnTime: 0,
  ratings: 0,
  satisfied: 0,
  closeDaysSum: 0,
  closeDaysCount: 0,
};

export interface TimelinessFacts {
  final: boolean;
  onTime: boolean | null;
  lateRounds: number;
  answeredAt: string | null;
  answerDue: IsoDate | null;
}

export type Timeliness = 'on_time' | 'late' | 'overdue' | 'open';

/** 是否按期 of one problem on `today`: 是 / 否 for closed ones, 逾期 or 未到期 for open ones. */
export function timelinessOf(p: TimelinessFacts, today: IsoDate): Timeliness {
  if (p.final) return p.onTime ? 'on_time' : 'late';
  if (p.lateRounds > 0 || (p.answeredAt === null && p.answerDue !== null && p.answerDue < today)) return 'overdue';
  return 'open';
}

export const TIMELINESS_ZH: Record<Timeliness, string> = {
  on_time: '是',
  late: '否',
  overdue: '逾期未办结',
  open: '未到期',
};
