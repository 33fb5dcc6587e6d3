export interface ApprovalTiming {
  status: 'not_submitted' | 'in_progress' | 'overdue' | 'done' | 'done_late';
  usedDays: number | null;
  dueOn: string | null;
  overDays: number;
  provisionalYear: number | null;
}

export interface ApprovalItem {
  id: number;
  projectId: number;
  code: string;
  name: string;
  phase: string;
  department: { id: number; name: string } | null;
  targetDays: number;
  isAcceptance: boolean;
  documents: Array<{ name: string; provided: boolean }>;
  submittedOn: string | null;
  completedOn: string | null;
  note: string | null;
  version: number;
  timing: ApprovalTiming;
  canHandle: boolean;
  project?: { id: number; name: string; code: string };
}

export interface ApprovalChart {
  projectId: number;
  asOf: string;
  items: ApprovalItem[];
  phases: Array<{
    phase: string;
    label: string;
    items: number;
    submitted: number;
    done: number;
    targetDays: number;
    usedDays: number;
    overdue: number;
  }>;
}

export const APPROVAL_STATUS: Record<ApprovalTiming['status'], { zh: string; en: string; color: string }> = {
  not_submitted: { zh: '未申报', en: 'Not submitted', color: 'default' },
  in_progress: { zh: '办理中', en: 'In progress', color: 'processing' },
  overdue: { zh: '已超时', en: 'Overdue', color: 'error' },
  done: { zh: '按时办结', en: 'Done in time', color: 'success' },
  done_late: { zh: '超时办结', en: 'Done late', color: 'warning' },
};
