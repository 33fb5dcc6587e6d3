import type { Page } from '../../app/api.js';
import type { Colour } from '../projects/api.js';

export interface DispatchRow {
  project: {
    id: number;
    code: string;
    name: string;
    township: string | null;
    commissioner: string | null;
    colour: Colour;
  };
  state: 'confirmed' | 'pending' | 'overdue';
  confirmedAt: string | null;
  confirmedBy: string | null;
  canConfirm: boolean;
}

export interface DispatchList extends Page<DispatchRow> {
  month: string;
  dueOn: string | null;
  provisionalYear: number | null;
  counts: { all: number; confirmed: number; missing: number };
}

type Text = { zh: string; en: string };
type NodeLine = { name: string; plannedDate: string | null; actualDate: string | null };

export interface DispatchReport {
  month: string;
  dueOn: string | null;
  state: DispatchRow['state'];
  required: boolean;
  snapshot: {
    project: {
      id: number;
      code: string;
      name: string;
      township: string | null;
      stageZh: string;
      commissioner: string | null;
      leader: string | null;
    };
    colour: Colour;
    reasons: Text[];
    progress: number | null;
    plannedProgress: number | null;
    summary: {
      nodesDone: NodeLine[];
      nodesMissed: NodeLine[];
      nodesNext: NodeLine[];
      monthInvestment: number;
      yearInvestment: number;
      totalInvestment: number;
      annualPlan: number | null;
      annualRate: number | null;
    };
    open: Array<{ key: string; label: Text; count: number; items: Text[] }>;
  };
  remarks: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  version: number;
  canConfirm: boolean;
}

export const DISPATCH_STATE = {
  confirmed: { zh: '已确认', en: 'Confirmed', color: 'green' },
  pending: { zh: '待确认', en: 'To confirm', color: 'blue' },
  overdue: { zh: '缺报', en: 'Missing', color: 'red' },
} as const;

/** The month before today's, by the server's clock. */
export { serverPreviousMonth as previousMonth } from '../../app/server-clock.js';
