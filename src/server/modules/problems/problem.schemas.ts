import { z } from 'zod';
import { idParam, idRef, int4, withDateOrder } from '../../../shared/input.js';
import { isoDateString, pageOf, pageQuery, queryBool } from '../../http/pagination.js';
import { PROBLEM_SOURCES, PROBLEM_STATUSES, RATINGS } from '../../../domain/problem-events.js';
import { PROBLEM_CATEGORY_CODES } from '../../../shared/problem-categories.js';
import { registerFieldLabels } from '../../http/field-labels.js';

registerFieldLabels({
  clientRequestId: { zh: '请求编号', en: 'clientRequestId' },
  category: { zh: '问题类别', en: 'category' },
  description: { zh: '问题描述', en: 'description' },
  firmUnitId: { zh: '企业', en: 'firmUnitId' },
  projectId: { zh: '项目', en: 'projectId' },
  photoIds: { zh: '照片', en: 'photoIds' },
  leadDeptId: { zh: '主办单位', en: 'leadDeptId' },
  coDeptIds: { zh: '协办单位', en: 'coDeptIds' },
  designated: { zh: '指定办理', en: 'designated' },
  reason: { zh: '理由', en: 'reason' },
  text: { zh: '内容', en: 'text' },
  answer: { zh: '答复内容', en: 'answer' },
  rating: { zh: '评价', en: 'rating' },
  comment: { zh: '评价说明', en: 'comment' },
  op: { zh: '操作', en: 'op' },
  requestNo: { zh: '延期申请', en: 'requestNo' },
  assignmentNo: { zh: '派单', en: 'assignmentNo' },
  toUserId: { zh: '接收人', en: 'toUserId' },
  version: { zh: '版本', en: 'version' },
  note: { zh: '备注', en: 'note' },
  status: { zh: '状态', en: 'status' },
  source: { zh: '来源', en: 'source' },
  deptId: { zh: '责任单位', en: 'deptId' },
  firmId: { zh: '企业', en: 'firmId' },
  overdue: { zh: '是否逾期', en: 'overdue' },
  queue: { zh: '队列', en: 'queue' },
  mine: { zh: '范围', en: 'mine' },
  sort: { zh: '排序', en: 'sort' },
});

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
  from: isoDateString.optional(),
  to: isoDateString.optional(),
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

const named = z.object({ id: z.number().int(), name: z.string() }).nullable();

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
  coDepts: z.array(z.object({ id: z.number().int(), name: z.string() })),
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
export type ProblemItem = z.infer<typeof problemItem>;
export const problemPage = pageOf(problemItem);

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
      dept: z.object({ id: z.number().int(), name: z.string() }),
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
export type ProblemDetail = z.infer<typeof problemDetail>;
