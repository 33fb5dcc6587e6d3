import { z } from 'zod';
import { idParam, idRef, int4, isoDate, withDateOrder } from '../input.js';
import { XLSX_FILE, type ApiTable } from './contract.js';
import { pageOf, pageQuery } from './page.js';
import { projectIdParams } from './projects.js';

/** 批管验联动: the request and response contract of the approval chart, the worklist and the acceptance report. */
export const itemParams = z.object({
  id: idParam,
  itemId: idParam,
});

export const updateItemBody = z.object({
  submittedOn: isoDate.nullable().optional(),
  completedOn: isoDate.nullable().optional(),
  documents: z
    .array(z.object({ name: z.string().trim().min(1).max(64), provided: z.boolean() }))
    .max(40)
    .optional(),
  note: z.string().trim().max(200).nullable().optional(),
  /** The organisation department adjusts the chart: department and target. */
  departmentUnitId: idRef.nullable().optional(),
  targetDays: z.number().int().min(1).max(365).optional(),
  version: int4.min(1),
});
export type UpdateItemInput = z.infer<typeof updateItemBody>;

export const worklistQuery = pageQuery.extend({
  status: z.enum(['open', 'overdue', 'not_submitted', 'done']).optional(),
  projectId: idParam.optional(),
});

export const reportQuery = withDateOrder(z.object({ from: isoDate, to: isoDate, code: z.string().max(16).optional() }));

export const approvalTiming = z.object({
  status: z.enum(['not_submitted', 'in_progress', 'overdue', 'done', 'done_late']),
  /** Working days from submission to completion (or to today while open); null before submission. */
  usedDays: z.number().int().nullable(),
  /** The last day to complete within the target; null before submission. */
  dueOn: z.string().nullable(),
  overDays: z.number().int(),
  /** A year not loaded that the figures were counted across: they are provisional (暂定). */
  provisionalYear: z.number().int().nullable(),
});

export const approvalItemView = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  code: z.string(),
  name: z.string(),
  phase: z.string(),
  seq: z.number().int(),
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  targetDays: z.number().int(),
  isAcceptance: z.boolean(),
  documents: z.array(z.object({ name: z.string(), provided: z.boolean() })),
  submittedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  timing: approvalTiming,
  canHandle: z.boolean(),
});
export type ApprovalItem = z.infer<typeof approvalItemView>;

export const phaseSummary = z.object({
  phase: z.string(),
  label: z.string(),
  items: z.number().int(),
  submitted: z.number().int(),
  done: z.number().int(),
  targetDays: z.number().int(),
  usedDays: z.number().int(),
  overdue: z.number().int(),
});
export type PhaseSummary = z.infer<typeof phaseSummary>;

export const projectApprovals = z.object({
  projectId: z.number().int(),
  asOf: z.string(),
  items: z.array(approvalItemView),
  phases: z.array(phaseSummary),
});
export type ProjectApprovals = z.infer<typeof projectApprovals>;

const projectRef = z.object({ id: z.number().int(), name: z.string(), code: z.string() });
export const workItemView = approvalItemView.extend({ project: projectRef });
export type WorkItem = z.infer<typeof workItemView>;
export const worklistPage = pageOf(workItemView);

export const durationStats = z.object({
  count: z.number().int(),
  average: z.number().nullable(),
  median: z.number().nullable(),
  max: z.number().nullable(),
  min: z.number().nullable(),
  withinTarget: z.number().int(),
  /** Share (0–100) completed within the target. */
  withinTargetRate: z.number().nullable(),
});
export type DurationStats = z.infer<typeof durationStats>;

export const acceptanceReportView = z.object({
  from: z.string(),
  to: z.string(),
  baselineDays: z.number(),
  overall: durationStats,
  byItem: z.array(durationStats.extend({ code: z.string(), name: z.string() })),
  byDepartment: z.array(durationStats.extend({ department: z.string() })),
  byMonth: z.array(durationStats.extend({ month: z.string() })),
  /** Completed items whose duration cannot be counted (dates outside the calendar). */
  uncomputable: z.number().int(),
  rows: z.array(
    z.object({
      id: z.number().int(),
      project: projectRef,
      code: z.string(),
      name: z.string(),
      department: z.string().nullable(),
      submittedOn: z.string().nullable(),
      completedOn: z.string().nullable(),
      usedDays: z.number().int(),
      targetDays: z.number().int(),
    }),
  ),
  total: z.number().int(),
});
export type AcceptanceReport = z.infer<typeof acceptanceReportView>;

export const approvalsApi = {
  'GET /api/projects/:id/approvals': { params: projectIdParams, response: projectApprovals },
  'PATCH /api/projects/:id/approvals/:itemId': { params: itemParams, body: updateItemBody, response: projectApprovals },
  'GET /api/approvals': { query: worklistQuery, response: worklistPage },
  'GET /api/approvals/acceptance-report': { query: reportQuery, response: acceptanceReportView },
  'GET /api/approvals/acceptance-report/export': { query: reportQuery, file: XLSX_FILE },
} satisfies ApiTable;
