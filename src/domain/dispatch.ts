import { addWorkingDays, provisionalYear, type CalendarData } from './calendar.js';
import type { IsoDate } from './dates.js';
import { lastDayOfMonth, type Month } from './months.js';
import { PROJECT_STAGE_CODES, requiresDispatch } from '../shared/project-stages.js';

/**
 * 月调度 (monthly dispatch): a project's report for a month is prefilled from what is already in the
 * system — its time nodes and investment — so the commissioner only confirms and adds remarks (减负).
 */

/** The stages whose projects report every month. */
export const DISPATCH_STAGES = PROJECT_STAGE_CODES.filter(requiresDispatch);

/** The month whose report is being asked for: the previous month (月调度 reports on the month just ended). */
export function defaultDispatchMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The report of month M is due by the Nth working day of the month after (default the 5th). */
export const DISPATCH_DUE_WORKING_DAY = 5;

export function dispatchDueOn(
  cal: CalendarData,
  month: Month,
  nth = DISPATCH_DUE_WORKING_DAY,
): { dueOn: IsoDate; provisionalYear: number | null } {
  const from = lastDayOfMonth(month);
  const dueOn = addWorkingDays(cal, from, nth);
  return { dueOn, provisionalYear: provisionalYear(cal, from, dueOn) };
}

export type DispatchState = 'confirmed' | 'pending' | 'overdue';

/** Confirmed, still within its due date, or overdue (缺报). Without a due date it stays pending. */
export function dispatchState(confirmed: boolean, dueOn: IsoDate | null, today: IsoDate): DispatchState {
  if (confirmed) return 'confirmed';
  return dueOn !== null && today > dueOn ? 'overdue' : 'pending';
}

export interface DispatchNodeInput {
  name: string;
  plannedDate: IsoDate | null;
  actualDate: IsoDate | null;
}

export interface DispatchSummary {
  month: Month;
  /** Nodes reached in the month. */
  nodesDone: DispatchNodeInput[];
  /** Nodes planned in the month but not reached by its end. */
  nodesMissed: DispatchNodeInput[];
  /** Nodes planned in the following month, still open. */
  nodesNext: DispatchNodeInput[];
  /** Investment completed in the month, in the year up to the month, and in total (万元). */
  monthInvestment: number;
  yearInvestment: number;
  totalInvestment: number;
  annualPlan: number | null;
  /** Year-to-date share of the annual plan (%), one decimal. */
  annualRate: number | null;
}

const inMonth = (d: IsoDate | null, m: Month) => d !== null && d.slice(0, 7) === m;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function summariseMonth(input: {
  month: Month;
  nodes: DispatchNodeInput[];
  investments: Array<{ month: Month; amount: number }>;
  annualPlan: number | null;
}): DispatchSummary {
  const { month } = input;
  const end = lastDayOfMonth(month);
  const next = nextMonth(month);
  const year = month.slice(0, 4);
  const upTo = input.investments.filter((i) => i.month <= month);
  const yearInvestment = round2(upTo.filter((i) => i.month.startsWith(year)).reduce((s, i) => s + i.amount, 0));
  return {
    month,
    nodesDone: input.nodes.filter((n) => inMonth(n.actualDate, month)),
    nodesMissed: input.nodes.filter(
      (n) => inMonth(n.plannedDate, month) && (n.actualDate === null || n.actualDate > end),
    ),
    nodesNext: input.nodes.filter((n) => inMonth(n.plannedDate, next) && (n.actualDate === null || n.actualDate > end)),
    monthInvestment: round2(upTo.filter((i) => i.month === month).reduce((s, i) => s + i.amount, 0)),
    yearInvestment,
    totalInvestment: round2(upTo.reduce((s, i) => s + i.amount, 0)),
    annualPlan: input.annualPlan,
    annualRate: input.annualPlan ? Math.round((yearInvestment / input.annualPlan) * 1000) / 10 : null,
  };
}

function nextMonth(m: Month): Month {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}
