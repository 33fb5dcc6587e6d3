import { z } from 'zod';
import { idParam } from '../input.js';
import { XLSX_FILE, type ApiTable } from './contract.js';
import { pageOf, pageQuery } from './page.js';
import { importReport } from './people.js';

/** 任务中心: the contract of /api/tasks (decision 031). */
export const TASK_KINDS = ['people.import', 'export'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The lists that can be exported as a task. */
export const EXPORT_LISTS = ['people', 'problems'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];
/** Above this many rows, an export runs as a task instead of a direct download. */
export const EXPORT_TASK_THRESHOLD = 5_000;

export const TASK_STATUS_LABELS: Record<TaskStatus, { zh: string; en: string }> = {
  queued: { zh: '排队中', en: 'Queued' },
  running: { zh: '进行中', en: 'Running' },
  done: { zh: '已完成', en: 'Done' },
  failed: { zh: '失败', en: 'Failed' },
};

export const taskIdParams = z.object({ id: idParam });
export const taskListQuery = pageQuery.extend({ status: z.enum(TASK_STATUSES).optional() });

/** A list's filters as its page has them in the URL (strings); the list's own export schema checks them. */
const filterValue = z.union([z.string().max(200), z.array(z.string().max(200)).max(50)]);
export const exportTaskBody = z.object({
  kind: z.literal('export'),
  list: z.enum(EXPORT_LISTS),
  filters: z.record(z.string().max(40), filterValue).default({}),
});
export type ExportTaskInput = z.input<typeof exportTaskBody>;

export const reportSummary = importReport.omit({ errors: true });

export const taskView = z.object({
  id: z.number().int(),
  kind: z.enum(TASK_KINDS),
  /** What the task does, in the user's language (导入党员名册, 导出问题台账 …). */
  title: z.string(),
  status: z.enum(TASK_STATUSES),
  statusLabel: z.string(),
  done: z.number().int(),
  total: z.number().int().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** The result file's name, when the task made one (download at /api/tasks/:id/file). */
  fileName: z.string().nullable(),
  /** An import's counts (the row report in full is on the task's own page). */
  summary: reportSummary.nullable(),
});
export const taskDetail = taskView.extend({ report: importReport.nullable() });
export const taskPage = pageOf(taskView).extend({
  /** The actor's queued or running tasks (the header badge). */
  active: z.number().int(),
});
export const taskCreated = z.object({ id: z.number().int() });

export type TaskView = z.infer<typeof taskView>;
export type TaskDetail = z.infer<typeof taskDetail>;
export type TaskPage = z.infer<typeof taskPage>;
export type TaskCreated = z.infer<typeof taskCreated>;

export const tasksApi = {
  'GET /api/tasks': { query: taskListQuery, response: taskPage },
  'POST /api/tasks': { body: exportTaskBody, response: taskCreated },
  'GET /api/tasks/:id': { params: taskIdParams, response: taskDetail },
  'GET /api/tasks/:id/file': { params: taskIdParams, file: XLSX_FILE },
} satisfies ApiTable;
