import type { Page } from '../../app/api.js';

export interface Named {
  id: number;
  name: string;
}

export interface ProblemItem {
  id: number;
  code: string;
  title: string;
  category: string;
  source: 'firm' | 'commissioner' | 'meeting' | 'supervision';
  status: string;
  firm: Named | null;
  project: Named | null;
  leadDept: Named | null;
  coDepts: Named[];
  owner: Named | null;
  raisedAt: string;
  firstDispatchedAt: string | null;
  answerDue: string | null;
  feedbackDue: string | null;
  slaProvisionalYear: number | null;
  dueState: string;
  timeliness: 'on_time' | 'late' | 'overdue' | 'open';
  answeredAt: string | null;
  closedAt: string | null;
  rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
  version: number;
  myAssignment: {
    no: number;
    role: string;
    status: string;
    signDue: string | null;
    answerDue: string | null;
    provisionalYear: number | null;
    dueState: string;
  } | null;
}

export interface ProblemDetail extends ProblemItem {
  description: string;
  raiser: Named | null;
  answer: string | null;
  feedback: string | null;
  closeAnswer: string | null;
  ratingComment: string | null;
  round: number;
  photos: Array<{ id: number; url: string; width: number; height: number }>;
  events: Array<{
    seq: number;
    type: string;
    label: string;
    at: string;
    actor: string;
    actorUnit: string | null;
    text: string;
  }>;
  deadlines: Array<{
    key: string;
    step: string;
    label: string;
    assignmentNo: number | null;
    dept: string | null;
    due: string | null;
    provisionalYear: number | null;
    state: string;
    overdueDays: number | null;
    reason: string;
  }>;
  assignments: Array<{
    no: number;
    dept: Named;
    role: string;
    designated: boolean;
    round: number;
    status: string;
    dispatchedAt: string;
    signDue: string | null;
    answerDue: string | null;
    extensionDays: number;
    answer: string | null;
    returnReason: string | null;
  }>;
  extensions: Array<{
    requestNo: number;
    assignmentNo: number;
    dept: string;
    days: number;
    reason: string;
    status: string;
    requestedAt: string;
    decidedAt: string | null;
    note: string | null;
  }>;
  abilities: {
    accept: boolean;
    handOver: boolean;
    dispatch: boolean;
    sign: number | null;
    return: number | null;
    requestExtension: number | null;
    decideExtension: number[];
    answer: number | null;
    feedback: boolean;
    rate: boolean;
    close: boolean;
  };
}

export type ProblemPage = Page<ProblemItem>;

export interface Rates {
  total: number;
  closed: number;
  closedOnTime: number;
  openOverdue: number;
  feedbackDue: number;
  feedbackOnTime: number;
  ratings: number;
  satisfied: number;
  onTimeRate: number | null;
  feedbackRate: number | null;
  satisfactionRate: number | null;
  avgCloseWorkingDays: number | null;
}

export interface ProblemStats {
  asOf: string;
  overall: Rates;
  byMonth: Array<Rates & { month: string }>;
  byDept: Array<
    {
      deptId: number;
      name: string;
      assigned: number;
      answered: number;
      answeredOnTime: number;
      openOverdue: number;
      returned: number;
      avgAnswerWorkingDays: number | null;
      answerOnTimeRate: number | null;
    } & Omit<
      Rates,
      'total' | 'closed' | 'closedOnTime' | 'openOverdue' | 'feedbackDue' | 'feedbackOnTime' | 'ratings' | 'satisfied'
    >
  >;
  formula: { zh: string; en: string };
}

export interface LedgerFilters extends Record<string, string | number | undefined> {
  q: string | undefined;
  status: string | undefined;
  category: string | undefined;
  deptId: number | undefined;
  firmId: number | undefined;
  projectId: number | undefined;
  overdue: string | undefined;
  source: string | undefined;
  page: number;
  pageSize: number;
}

export const LEDGER_DEFAULTS: LedgerFilters = {
  q: undefined,
  status: undefined,
  category: undefined,
  deptId: undefined,
  firmId: undefined,
  projectId: undefined,
  overdue: undefined,
  source: undefined,
  page: 1,
  pageSize: 20,
};

export const pct = (r: number | null | undefined): string =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;
