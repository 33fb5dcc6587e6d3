import { z } from 'zod';
import { idParam, idRef, int4, isoDate as isoDateString } from '../input.js';
import { pageOf, pageQuery, queryBool } from './page.js';
import { PIPELINE_STEPS } from '../../domain/pipeline.js';
import { XLSX_FILE, type ApiTable } from './contract.js';

/** 党员（人员）、发展党员、组织关系转接: the request and response contract of /api/people (server validates, web infers). */

export const POLITICAL_STATUSES = ['masses', 'applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];
export const STATUS_LABELS: Record<PoliticalStatus, { zh: string; en: string }> = {
  masses: { zh: '群众', en: 'Masses' },
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  candidate: { zh: '发展对象', en: 'Candidate' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  full: { zh: '正式党员', en: 'Full member' },
};
export const PARTICIPATION_ROLES = [
  'participant',
  'secretary',
  'deputy_secretary',
  'committee_member',
  'group_leader',
] as const;
export const FLOWS = ['none', 'out', 'in'] as const;

export const personIdParams = z.object({ id: idParam });

export const peopleFilterQuery = z.object({
  q: z.string().trim().max(32).optional(),
  orgId: idParam.optional(),
  politicalStatus: z.enum(POLITICAL_STATUSES).optional(),
  worker: queryBool.optional(),
  talent: queryBool.optional(),
  expert: queryBool.optional(),
  flow: z.enum(FLOWS).optional(),
  employer: z.string().trim().max(64).optional(),
  projectId: idParam.optional(),
  sort: z.enum(['name', 'recent']).default('name'),
});
export const peopleListQuery = pageQuery.extend(peopleFilterQuery.shape);
export type PeopleFilter = z.infer<typeof peopleListQuery>;

const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '格式不正确');

const personFields = {
  name: z.string().trim().min(1).max(32),
  idNumber: z.string().trim().max(18).nullable().optional(),
  phone: phone.nullable().optional(),
  gender: z.enum(['male', 'female']).nullable().optional(),
  birthDate: isoDateString.nullable().optional(),
  politicalStatus: z.enum(POLITICAL_STATUSES).default('masses'),
  relationOrgUnitId: idRef,
  employerUnitId: idRef.nullable().optional(),
  employerName: optText(64),
  projectId: idRef.nullable().optional(),
  job: optText(32),
  homeUnitId: idRef.nullable().optional(),
  isWorker: z.boolean().default(false),
  isTalent: z.boolean().default(false),
  isExpert: z.boolean().default(false),
};
export const createPersonBody = z.object(personFields);
export type CreatePersonInput = z.infer<typeof createPersonBody>;

/** The relation org changes only by a transfer (see transfers), so it is not editable here. */
export const updatePersonBody = z
  .object({
    ...personFields,
    isWorker: z.boolean(),
    isTalent: z.boolean(),
    isExpert: z.boolean(),
    politicalStatus: z.enum(POLITICAL_STATUSES),
  })
  .omit({ relationOrgUnitId: true })
  .partial()
  .extend({ version: int4 });
export type UpdatePersonInput = z.infer<typeof updatePersonBody>;

export const flowBody = z.object({
  flow: z.enum(FLOWS),
  flowSince: isoDateString.nullable().optional(),
  flowPlace: optText(64),
  flowCertificate: z.boolean().default(false),
  version: int4,
});
export type FlowInput = z.infer<typeof flowBody>;

export const participationBody = z.object({
  orgUnitId: idRef,
  role: z.enum(PARTICIPATION_ROLES).default('participant'),
  since: isoDateString,
});
export const endParticipationBody = z.object({ until: isoDateString });
export const participationParams = z.object({
  id: idParam,
  pid: idParam,
});

const nameRef = z.object({
  personId: idRef.nullable().optional(),
  name: z.string().trim().min(1).max(32),
});
export const pipelineStepBody = z.object({
  step: z.enum(PIPELINE_STEPS),
  on: isoDateString,
  introducers: z.array(nameRef).max(4).optional(),
  contacts: z.array(nameRef).max(4).optional(),
  extensionMonths: int4.optional(),
  reason: optText(200),
  /** Records 转正 before the probation ends, or 发展对象 after less than a year as 积极分子 (needs a reason). */
  confirmEarly: z.boolean().default(false),
});
export type PipelineStepInput = z.infer<typeof pipelineStepBody>;

export const pipelineQuery = z.object({ orgId: idParam.optional() });

export const issueTransferBody = z.object({
  personId: idRef,
  toOrgUnitId: idRef,
  letterNo: optText(32),
  issuedOn: isoDateString.optional(),
  reason: optText(200),
});
export const decideTransferBody = z.object({ reason: optText(200), version: int4 });
export const transferIdParams = z.object({ id: idParam });
export const transferListQuery = pageQuery.extend({
  status: z.enum(['issued', 'received', 'rejected', 'expired', 'revoked']).optional(),
  direction: z.enum(['in', 'out', 'all']).default('all'),
});
export type TransferFilter = z.infer<typeof transferListQuery>;

export const importQuery = z.object({ onlyValid: queryBool.default(false) });

const ref = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const personListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.string().nullable(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  politicalStatus: z.string(),
  statusLabel: z.string(),
  relationOrg: ref,
  employerName: z.string().nullable(),
  projectId: z.number().int().nullable(),
  job: z.string().nullable(),
  isWorker: z.boolean(),
  isTalent: z.boolean(),
  isExpert: z.boolean(),
  flow: z.string(),
  flowSince: z.string().nullable(),
  flowPlace: z.string().nullable(),
  flowCertificate: z.boolean(),
  flowWarning: z.object({ code: z.string(), text: z.string() }).nullable(),
  version: z.number().int(),
});
/** `totalEstimated`: above a few thousand rows the total is an estimate, shown as "约 12,000 人". */
export const personPage = pageOf(personListItem).extend({ totalEstimated: z.literal(true).optional() });
export type PersonListItem = z.infer<typeof personListItem>;

export const transferItem = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  fromOrg: ref,
  toOrg: ref,
  letterNo: z.string().nullable(),
  issuedOn: z.string(),
  validUntil: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  decidedOn: z.string().nullable(),
  reason: z.string().nullable(),
  version: z.number().int(),
  canReceive: z.boolean(),
  canRevoke: z.boolean(),
});
export const DUE_STATUSES = ['waiting', 'due_soon', 'overdue', 'ready'] as const;
/** What is due next in the pipeline, explained in words. */
export const dueSchema = z.object({
  key: z.string(),
  dueOn: z.string(),
  status: z.enum(DUE_STATUSES),
  text: z.string(),
});
const due = dueSchema.nullable();
const warning = z.object({ code: z.string(), text: z.string() });
export const personDetail = personListItem.extend({
  employerUnitId: z.number().int().nullable(),
  homeUnitId: z.number().int().nullable(),
  /** The actor may 查看 the full ID number / phone of this person (people.reveal), one field at a time. */
  canReveal: z.boolean(),
  participations: z.array(
    z.object({ id: z.number().int(), org: ref, role: z.string(), since: z.string(), until: z.string().nullable() }),
  ),
  development: z
    .object({
      orgUnitId: z.number().int().nullable(),
      appliedOn: z.string().nullable(),
      talkedOn: z.string().nullable(),
      activistOn: z.string().nullable(),
      candidateOn: z.string().nullable(),
      admittedOn: z.string().nullable(),
      extensionMonths: z.number().int().nullable(),
      extensionReason: z.string().nullable(),
      fullOn: z.string().nullable(),
      probationEndsOn: z.string().nullable(),
      introducers: z.array(z.object({ personId: z.number().nullable().optional(), name: z.string() })),
      contacts: z.array(z.object({ personId: z.number().nullable().optional(), name: z.string() })),
      stage: z.string().nullable(),
      next: due,
      warnings: z.array(warning),
    })
    .nullable(),
  timeline: z.array(z.object({ id: z.number().int(), kind: z.string(), on: z.string(), text: z.string() })),
  transfers: z.array(transferItem),
});
export type PersonDetail = z.infer<typeof personDetail>;

export const REVEAL_FIELDS = ['idNumber', 'phone'] as const;
export const REASON_MIN_CHARS = 5;
/** 查看: one field of one person in full; the reason is kept in the audit log. */
export const revealBody = z.object({
  field: z.enum(REVEAL_FIELDS),
  reason: z.string().trim().min(REASON_MIN_CHARS).max(200),
});
export type RevealInput = z.infer<typeof revealBody>;
export const revealResponse = z.object({ field: z.enum(REVEAL_FIELDS), value: z.string() });

export const transferPage = pageOf(transferItem);
export type TransferItem = z.infer<typeof transferItem>;

export const transferCreated = z.object({ id: z.number().int() });
export const okResponse = z.object({ ok: z.literal(true) });

export const pipelineItem = z.object({
  personId: z.number().int(),
  name: z.string(),
  org: ref,
  stage: z.string().nullable(),
  stageLabel: z.string(),
  next: due,
  warnings: z.array(warning),
});
/** 发展党员 per org: the open pipelines, soonest due first, and how many are at each stage. */
export const pipelineList = z.object({ data: z.array(pipelineItem), stages: z.record(z.string(), z.number().int()) });
export type PipelineItem = z.infer<typeof pipelineItem>;
export type PipelineList = z.infer<typeof pipelineList>;
export type Due = z.infer<typeof dueSchema>;

export const importIssue = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
/** The row report of a roster import: nothing is written while any row is wrong, unless onlyValid. */
export const importReport = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  invalidRows: z.number().int(),
  imported: z.number().int(),
  errors: z.array(importIssue),
});
export type ImportIssue = z.infer<typeof importIssue>;
export type ImportReport = z.infer<typeof importReport>;
export type PersonPage = z.infer<typeof personPage>;
export type TransferPage = z.infer<typeof transferPage>;
export type RevealResponse = z.infer<typeof revealResponse>;

const decide = { params: transferIdParams, body: decideTransferBody, response: okResponse };
const personWrite = { params: personIdParams, response: personDetail };

export const peopleApi = {
  'GET /api/people': { query: peopleListQuery, response: personPage },
  'GET /api/people/export': { query: peopleFilterQuery, file: XLSX_FILE },
  'GET /api/people/import/template': { file: XLSX_FILE },
  /** The body is the raw .xlsx file (no JSON body to describe). */
  'POST /api/people/import': { query: importQuery, response: importReport },
  /** The same import as a task in 任务中心 (decision 031): answers the task's id at once. */
  'POST /api/people/import/task': { query: importQuery, response: z.object({ id: z.number().int() }) },
  'GET /api/people/pipeline': { query: pipelineQuery, response: pipelineList },
  'GET /api/people/transfers': { query: transferListQuery, response: transferPage },
  'POST /api/people/transfers': { body: issueTransferBody, response: transferCreated },
  'POST /api/people/transfers/:id/receive': decide,
  'POST /api/people/transfers/:id/reject': decide,
  'POST /api/people/transfers/:id/revoke': decide,
  'GET /api/people/:id': { params: personIdParams, response: personDetail },
  'POST /api/people/:id/reveal': { params: personIdParams, body: revealBody, response: revealResponse },
  'POST /api/people': { body: createPersonBody, response: personDetail },
  'PATCH /api/people/:id': { ...personWrite, body: updatePersonBody },
  'POST /api/people/:id/flow': { ...personWrite, body: flowBody },
  'POST /api/people/:id/participations': { ...personWrite, body: participationBody },
  'POST /api/people/:id/participations/:pid/end': {
    params: participationParams,
    body: endParticipationBody,
    response: personDetail,
  },
  'POST /api/people/:id/pipeline': { ...personWrite, body: pipelineStepBody },
} satisfies ApiTable;
