import { z } from 'zod';
import { idParam, idRef, int4, isoDate, withDateOrder } from '../input.js';
import { pageOf, pageQuery, queryBool } from './page.js';
import { PROBLEM_SOURCES, PROBLEM_STATUSES, RATINGS } from '../../domain/problem-events.js';
import { PROBLEM_CATEGORY_CODES } from '../problem-categories.js';
import { XLSX_FILE, type ApiTable } from './contract.js';

/** 问题台账: the request and response contract of /api/problems (server validates, web infers). */

export const WEBHOOK_KINDS = ['wecom', 'dingtalk'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const problemIdParams = z.object({ id: idParam });
const version = int4.min(1).optional();
const text = (max: number) => z.string().trim().min(1).max(max);

export const raiseBody = z.object({
  clientRequestId: z.string().trim().min(8).max(64).optional(),
  category: z.enum(PROBLEM_CATEGORY_CODES),
  /** Optional: derived from the description when empty; longer ones are cut to 60 characters. */
  title: z
    .string()
    .trim()
    .transform((s) => s.slice(0, 60))
    .optional(),
  description: text(2000),
  firmUnitId: idRef.optional(),
  projectId: idRef.optional(),
  photoIds: z.array(idRef).max(9).optional(),
});

const statusList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',') : v),
  z.array(z.enum(PROBLEM_STATUSES)).max(9),
);

const listFields = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  status: statusList.optional(),
  category: z.enum(PROBLEM_CATEGORY_CODES).optional(),
  source: z.enum(PROBLEM_SOURCES).optional(),
  deptId: idParam.optional(),
  firmId: idParam.optional(),
  projectId: idParam.optional(),
  overdue: queryBool.optional(),
  queue: z.enum(['to_sign', 'in_hand', 'due_soon', 'overdue']).optional(),
  mine: z.enum(['owned', 'raised']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sort: z.enum(['recent', 'due']).optional(),
});
export const listQuery = withDateOrder(listFields);
export type ListQuery = z.infer<typeof listFields>;

export const exportQuery = withDateOrder(listFields.omit({ page: true, pageSize: true }));

export const versionBody = z.object({ version }).default({});
export const handOverBody = z.object({ toUserId: idRef, reason: text(500), version });
export const dispatchBody = z.object({
  leadDeptId: idRef,
  coDeptIds: z.array(idRef).max(10).optional(),
  designated: z.boolean().optional(),
  note: z.string().trim().max(500).optional(),
  version,
});
export const signBody = z.object({ assignmentNo: idRef.optional(), version }).default({});
export const returnBody = z.object({
  assignmentNo: idRef.optional(),
  reason: text(500),
  version,
});
export const extendBody = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('request'),
    days: z.number().int().min(1).max(30),
    reason: text(500),
    assignmentNo: idRef.optional(),
    version,
  }),
  z.object({
    op: z.enum(['approve', 'refuse']),
    requestNo: idRef,
    note: z.string().trim().max(500).optional(),
    version,
  }),
]);
export const answerBody = z.object({ assignmentNo: idRef.optional(), text: text(4000), version });
export const feedbackBody = z.object({ text: z.string().trim().min(1).max(4000).optional(), version }).default({});
export const rateBody = z.object({ rating: z.enum(RATINGS), comment: z.string().trim().max(500).optional(), version });
export const closeBody = z.object({ answer: text(4000), version });

const ref = z.object({ id: z.number().int(), name: z.string() });
const named = ref.nullable();

export const problemItem = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  category: z.string(),
  source: z.enum(PROBLEM_SOURCES),
  status: z.enum(PROBLEM_STATUSES),
  firm: named,
  project: named,
  leadDept: named,
  coDepts: z.array(ref),
  owner: named,
  raisedAt: z.string(),
  firstDispatchedAt: z.string().nullable(),
  answerDue: z.string().nullable(),
  feedbackDue: z.string().nullable(),
  slaProvisionalYear: z.number().int().nullable(),
  dueState: z.string(),
  timeliness: z.enum(['on_time', 'late', 'overdue', 'open']),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rating: z.enum(RATINGS).nullable(),
  version: z.number().int(),
  myAssignment: z
    .object({
      no: z.number().int(),
      role: z.string(),
      status: z.string(),
      signDue: z.string().nullable(),
      answerDue: z.string().nullable(),
      provisionalYear: z.number().int().nullable(),
      dueState: z.string(),
    })
    .nullable(),
});
/** `totalExact: false`: more rows than the server counts; `total` is then an estimate (约). */
export const problemPage = pageOf(problemItem).extend({ totalExact: z.boolean() });

export const problemDetail = problemItem.extend({
  description: z.string(),
  raiser: named,
  answer: z.string().nullable(),
  feedback: z.string().nullable(),
  closeAnswer: z.string().nullable(),
  ratingComment: z.string().nullable(),
  round: z.number().int(),
  photos: z.array(
    z.object({ id: z.number().int(), url: z.string(), width: z.number().int(), height: z.number().int() }),
  ),
  events: z.array(
    z.object({
      seq: z.number().int(),
      type: z.string(),
      label: z.string(),
      at: z.string(),
      actor: z.string(),
      actorUnit: z.string().nullable(),
      text: z.string(),
    }),
  ),
  deadlines: z.array(
    z.object({
      key: z.string(),
      step: z.string(),
      label: z.string(),
      assignmentNo: z.number().int().nullable(),
      dept: z.string().nullable(),
      due: z.string().nullable(),
      provisionalYear: z.number().int().nullable(),
      state: z.string(),
      overdueDays: z.number().int().nullable(),
      reason: z.string(),
    }),
  ),
  assignments: z.array(
    z.object({
      no: z.number().int(),
      dept: ref,
      role: z.string(),
      designated: z.boolean(),
      round: z.number().int(),
      status: z.string(),
      dispatchedAt: z.string(),
      signDue: z.string().nullable(),
      answerDue: z.string().nullable(),
      extensionDays: z.number().int(),
      answer: z.string().nullable(),
      returnReason: z.string().nullable(),
    }),
  ),
  extensions: z.array(
    z.object({
      requestNo: z.number().int(),
      assignmentNo: z.number().int(),
      dept: z.string(),
      days: z.number().int(),
      reason: z.string(),
      status: z.string(),
      requestedAt: z.string(),
      decidedAt: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  abilities: z.object({
    accept: z.boolean(),
    handOver: z.boolean(),
    dispatch: z.boolean(),
    sign: z.number().int().nullable(),
    return: z.number().int().nullable(),
    requestExtension: z.number().int().nullable(),
    decideExtension: z.array(z.number().int()),
    answer: z.number().int().nullable(),
    feedback: z.boolean(),
    rate: z.boolean(),
    close: z.boolean(),
  }),
});

/** 上传照片: the stored, re-encoded JPEG (not yet attached to a problem). */
export const uploadedPhoto = z.object({
  id: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  url: z.string(),
});
export const photoParams = z.object({ photoId: idParam });
export const problemPhotoParams = problemIdParams.extend({ photoId: idParam });

const rates = {
  onTimeRate: z.number().nullable(),
  feedbackRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  avgCloseWorkingDays: z.number().nullable(),
};
const counts = z.object({
  total: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  openOverdue: z.number().int(),
  feedbackDue: z.number().int(),
  feedbackOnTime: z.number().int(),
  ratings: z.number().int(),
  satisfied: z.number().int(),
  closeDaysSum: z.number().int(),
  closeDaysCount: z.number().int(),
  ...rates,
});
export const problemStats = z.object({
  asOf: z.string(),
  overall: counts,
  byMonth: z.array(counts.extend({ month: z.string() })),
  byDept: z.array(
    z.object({
      deptId: z.number().int(),
      name: z.string(),
      assigned: z.number().int(),
      answered: z.number().int(),
      answeredOnTime: z.number().int(),
      openOverdue: z.number().int(),
      returned: z.number().int(),
      avgAnswerWorkingDays: z.number().nullable(),
      /** 按期答复率 of the department's own dispatches: answered on time ÷ (answered + open overdue). */
      answerOnTimeRate: z.number().nullable(),
      ...rates,
    }),
  ),
  formula: z.object({ zh: z.string(), en: z.string() }),
});

export const categorySla = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  signDays: z.number().int(),
  answerDays: z.number().int(),
  feedbackAfterAnswerDays: z.number().int(),
  customised: z.boolean(),
});
export const categoryList = z.object({ data: z.array(categorySla) });
export const categoryParams = z.object({ code: z.string().max(32) });
export const categorySlaBody = z.object({
  signDays: z.number().int().min(1).max(10),
  answerDays: z.number().int().min(1).max(60),
  feedbackAfterAnswerDays: z.number().int().min(0).max(10),
});

export const departmentsQuery = z.object({ category: z.string().max(32).optional() });
export const departmentList = z.object({
  data: z.array(ref),
  /** With `category`: the department 组织部's routing table names for it (类别 → 承办部门), when open and listed. */
  suggestedDeptId: z.number().int().nullable().optional(),
});
/** 类别 → 承办部门: one row per category; `dept` null when no route is set. */
export const categoryRoute = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  dept: ref.nullable(),
  updatedAt: z.string().nullable(),
});
export const categoryRouteList = z.object({ data: z.array(categoryRoute) });
/** null removes the category's route. */
export const categoryRouteBody = z.object({ deptId: idRef.nullable() });
export const projectOptionsQuery = z.object({ q: z.string().trim().max(64).optional() });
export const projectOptionList = z.object({
  data: z.array(z.object({ id: z.number().int(), name: z.string(), ownerFirmUnitId: z.number().int().nullable() })),
});

export const deptParams = z.object({ deptId: idParam });
const webhookUrl = z
  .string()
  .trim()
  .url()
  .max(500)
  .regex(/^https?:\/\//, 'http(s)');
export const deptSettingsBody = z.object({
  headUserId: idRef.nullable(),
  leaderUserId: idRef.nullable(),
  webhookKind: z.enum(WEBHOOK_KINDS).nullable(),
  /** Omitted: keep the stored URL; null: remove it. */
  webhookUrl: webhookUrl.nullable().optional(),
  webhookSecret: z.string().trim().min(1).max(200).nullable().optional(),
  webhookEnabled: z.boolean(),
});
export const deptSettings = z.object({
  dept: ref,
  headUserId: z.number().int().nullable(),
  leaderUserId: z.number().int().nullable(),
  webhookKind: z.enum(WEBHOOK_KINDS).nullable(),
  /** The robot URL with its key masked. */
  webhookUrl: z.string().nullable(),
  hasSecret: z.boolean(),
  webhookEnabled: z.boolean(),
  candidates: z.array(
    z.object({ id: z.number().int(), name: z.string(), title: z.string().nullable(), unitId: z.number().int() }),
  ),
  deliveries: z.array(
    z.object({
      id: z.number().int(),
      problemId: z.number().int().nullable(),
      event: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      lastStatus: z.number().int().nullable(),
      lastError: z.string().nullable(),
      createdAt: z.string(),
      deliveredAt: z.string().nullable(),
      nextAttemptAt: z.string(),
    }),
  ),
});

export type ProblemItem = z.infer<typeof problemItem>;
export type ProblemPage = z.infer<typeof problemPage>;
export type ProblemDetail = z.infer<typeof problemDetail>;
export type UploadedPhoto = z.infer<typeof uploadedPhoto>;
export type ProblemStats = z.infer<typeof problemStats>;
export type CategorySla = z.infer<typeof categorySla>;
export type CategorySlaInput = z.infer<typeof categorySlaBody>;
export type DepartmentList = z.infer<typeof departmentList>;
export type CategoryRoute = z.infer<typeof categoryRoute>;
export type ProjectOptionList = z.infer<typeof projectOptionList>;
export type DeptSettings = z.infer<typeof deptSettings>;
export type DeptSettingsInput = z.infer<typeof deptSettingsBody>;

const step = <B extends z.ZodType>(body: B) => ({ params: problemIdParams, body, response: problemDetail });

export const problemsApi = {
  'GET /api/problems': { query: listQuery, response: problemPage },
  'GET /api/problems/export': { query: exportQuery, file: XLSX_FILE },
  'GET /api/problems/stats': { query: exportQuery, response: problemStats },
  'POST /api/problems': { body: raiseBody, response: problemDetail },
  'POST /api/problems/photos': { response: uploadedPhoto },
  'GET /api/problems/photos/:photoId': { params: photoParams, file: 'image/jpeg' },
  'GET /api/problems/:id': { params: problemIdParams, response: problemDetail },
  'GET /api/problems/:id/photos/:photoId': { params: problemPhotoParams, file: 'image/jpeg' },
  'POST /api/problems/:id/accept': step(versionBody),
  'POST /api/problems/:id/handover': step(handOverBody),
  'POST /api/problems/:id/dispatch': step(dispatchBody),
  'POST /api/problems/:id/sign': step(signBody),
  'POST /api/problems/:id/return': step(returnBody),
  'POST /api/problems/:id/extend': step(extendBody),
  'POST /api/problems/:id/answer': step(answerBody),
  'POST /api/problems/:id/feedback': step(feedbackBody),
  'POST /api/problems/:id/rate': step(rateBody),
  'POST /api/problems/:id/close': step(closeBody),
  'GET /api/problems/categories': { response: categoryList },
  'PUT /api/problems/categories/:code': { params: categoryParams, body: categorySlaBody, response: categoryList },
  'GET /api/problems/departments': { query: departmentsQuery, response: departmentList },
  'GET /api/problems/routes': { response: categoryRouteList },
  'PUT /api/problems/routes/:code': { params: categoryParams, body: categoryRouteBody, response: categoryRouteList },
  'GET /api/problems/project-options': { query: projectOptionsQuery, response: projectOptionList },
  'GET /api/problems/departments/:deptId/settings': { params: deptParams, response: deptSettings },
  'PUT /api/problems/departments/:deptId/settings': {
    params: deptParams,
    body: deptSettingsBody,
    response: deptSettings,
  },
} satisfies ApiTable;
