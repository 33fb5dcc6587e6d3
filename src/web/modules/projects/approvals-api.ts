import type { ApprovalItem } from '../../../shared/api/approvals.js';

/** The server's answers, as the shared contract says (src/shared/api/approvals.ts). */
export type {
  AcceptanceReport,
  ApprovalItem,
  DurationStats,
  ProjectApprovals as ApprovalChart,
  WorkItem,
} from '../../../shared/api/approvals.js';
export type ApprovalTiming = ApprovalItem['timing'];

export const APPROVAL_STATUS: Record<ApprovalTiming['status'], { zh: string; en: string; color: string }> = {
  not_submitted: { zh: '未申报', en: 'Not submitted', color: 'default' },
  in_progress: { zh: '办理中', en: 'In progress', color: 'processing' },
  overdue: { zh: '已超时', en: 'Overdue', color: 'error' },
  done: { zh: '按时办结', en: 'Done in time', color: 'success' },
  done_late: { zh: '超时办结', en: 'Done late', color: 'warning' },
};
