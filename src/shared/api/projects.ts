import { z } from 'zod';
import { idParam, idRef, int4, isoDate, isoMonth } from '../input.js';
import {
  PROJECT_KIND_CODES,
  PROJECT_LEVEL_CODES,
  PROJECT_STAGE_CODES,
  TASK_FORCE_LEVEL_CODES,
} from '../project-stages.js';
import { ROLE_CODES } from '../roles.js';
import { WARNING_COLOURS, type WarningColour } from '../../domain/warnings.js';
import { XLSX_FILE, type ApiTable } from './contract.js';
import { pageOf, pageQuery, queryBool } from './page.js';

/** 项目库: the request and response contract of /api/projects and a project's nodes (server validates, web infers). */
export const projectIdParams = z.object({ id: idParam });
export const colourEnum = z.enum(WARNING_COLOURS as [WarningColour, ...WarningColour[]]);

export const projectFilterQuery = z.object({
  q: z.string().trim().max(64).optional(),
  stage: z.enum(PROJECT_STAGE_CODES).optional(),
  colour: colourEnum.optional(),
  townshipId: idParam.optional(),
  level: z.enum(PROJECT_LEVEL_CODES).optional(),
  chain: z.string().trim().max(32).optional(),
  leaderId: idParam.optional(),
  kind: z.enum(PROJECT_KIND_CODES).optional(),
  /** Only projects where I am the 包联领导 or the 项目专员. */
  mine: queryBool.optional(),
  sort: z.enum(['risk', 'code', 'name', 'investment']).default('risk'),
});
export const projectListQuery = pageQuery.extend(projectFilterQuery.shape);
export type ProjectFilter = z.infer<typeof projectListQuery>;

const money = z.number().min(0).max(1e10);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const contractorInput = z.object({
  name: z.string().trim().min(1).max(64),
  role: z.enum(['general', 'sub', 'supervisor', 'design']).default('general'),
  firmUnitId: idRef.nullable().optional(),
  /** For a sub-contractor: the index (in this list) of the contractor it works under. */
  parentIndex: int4.nullable().optional(),
  managerName: optText(32),
});

export const taskForceInput = z.object({
  level: z.enum(TASK_FORCE_LEVEL_CODES),
  name: z.string().trim().min(1).max(64),
  members: z
    .array(z.object({ name: z.string().trim().min(1).max(32), title: optText(64), unit: optText(64) }))
    .max(100)
    .default([]),
});

const nodePlans = z
  .object({
    signed: isoDate,
    land: isoDate,
    started: isoDate,
    topped_out: isoDate,
    completed: isoDate,
    operating: isoDate,
  })
  .partial();

const projectFields = {
  name: z.string().trim().min(2).max(80),
  kind: z.enum(PROJECT_KIND_CODES).default('industry'),
  industry: optText(32),
  chain: optText(32),
  level: z.enum(PROJECT_LEVEL_CODES).nullable().optional(),
  stage: z.enum(PROJECT_STAGE_CODES).default('negotiating'),
  townshipUnitId: idRef,
  ownerFirmUnitId: idRef.nullable().optional(),
  partyBranchUnitId: idRef.nullable().optional(),
  leadUnitId: idRef.nullable().optional(),
  leaderUserId: idRef.nullable().optional(),
  commissionerUserId: idRef.nullable().optional(),
  managerName: optText(32),
  headquarters: optText(64),
  totalInvestment: money.nullable().optional(),
  annualPlanInvestment: money.nullable().optional(),
  expectedOutput: money.nullable().optional(),
  expectedTax: money.nullable().optional(),
  jobs: z.number().int().min(0).max(1_000_000).nullable().optional(),
  address: optText(128),
  lng: z.number().min(73).max(136).nullable().optional(),
  lat: z.number().min(3).max(54).nullable().optional(),
  plannedStart: isoDate.nullable().optional(),
  plannedEnd: isoDate.nullable().optional(),
  contractors: z.array(contractorInput).max(50).optional(),
  taskForces: z.array(taskForceInput).max(10).optional(),
};

export const createProjectBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,32}$/)
    .optional(),
  ...projectFields,
  /** Planned dates of the standard time nodes (签约 … 投产). */
  nodePlans: nodePlans.optional(),
});
export type CreateProjectInput = z.infer<typeof createProjectBody>;

export const updateProjectBody = z
  .object({
    ...projectFields,
    version: int4.min(1),
    /** 竣工 while time nodes are still open: why (the open nodes stay open, the reason is recorded). */
    completionReason: z.string().trim().min(2).max(200),
  })
  .partial()
  .required({ version: true });
export type UpdateProjectInput = z.infer<typeof updateProjectBody>;

const ref = z.object({ id: z.number().int(), name: z.string() }).nullable();
export const reasonView = z.object({ rule: z.string(), colour: colourEnum.nullable(), text: z.string() });

export const warningView = z.object({
  colour: colourEnum,
  reasons: z.array(reasonView),
  plannedProgress: z.number().nullable(),
  computedAt: z.string().nullable(),
});

export const projectListItem = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  industry: z.string().nullable(),
  chain: z.string().nullable(),
  level: z.string().nullable(),
  stage: z.string(),
  township: ref,
  leadUnit: ref,
  leader: ref,
  commissioner: ref,
  managerName: z.string().nullable(),
  totalInvestment: z.number().nullable(),
  annualPlanInvestment: z.number().nullable(),
  yearInvestment: z.number(),
  progress: z.number().nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  warning: warningView,
});
export type ProjectListItem = z.infer<typeof projectListItem>;
/**
 * `totalExact: false`: more than 10,000 projects match and `total` is the database's estimate (shown as
 * 约 …); counting them all would make page 1 cost as much as the whole region.
 */
export const projectPage = pageOf(projectListItem).extend({ totalExact: z.boolean() });
export type ProjectPage = z.infer<typeof projectPage>;

export const nodeView = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  stage: z.string().nullable(),
  name: z.string(),
  plannedDate: z.string().nullable(),
  expectedDate: z.string().nullable(),
  actualDate: z.string().nullable(),
  plannedPercent: z.number().nullable(),
  responsibleName: z.string().nullable(),
  responsibleUser: ref,
  responsibleUnit: ref,
  evidence: z.string().nullable(),
  status: z.enum(['planned', 'due', 'delayed', 'late', 'done', 'done_late', 'unplanned']),
  lateDays: z.number().int(),
  provisionalYear: z.number().int().nullable(),
  version: z.number().int(),
});
export type NodeView = z.infer<typeof nodeView>;

export const projectDetail = projectListItem.extend({
  region: ref,
  ownerFirm: ref,
  partyBranch: ref,
  headquarters: z.string().nullable(),
  /** 双员制: the commissioner is the branch's 党建指导员 too; `roles` says so in words. */
  commissionerRoles: z.string().nullable(),
  expectedOutput: z.number().nullable(),
  expectedTax: z.number().nullable(),
  jobs: z.number().nullable(),
  address: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  progressOn: z.string().nullable(),
  contractors: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      role: z.string(),
      firmUnitId: z.number().nullable(),
      parentId: z.number().nullable(),
      managerName: z.string().nullable(),
    }),
  ),
  taskForces: z.array(
    z.object({
      id: z.number().int(),
      level: z.string(),
      name: z.string(),
      members: z.array(
        z.object({ name: z.string(), title: z.string().nullable().optional(), unit: z.string().nullable().optional() }),
      ),
    }),
  ),
  nodes: z.array(nodeView),
  investments: z.array(z.object({ month: z.string(), amount: z.number(), note: z.string().nullable() })),
  totalCompleted: z.number(),
  version: z.number().int(),
  abilities: z.object({
    edit: z.boolean(),
    progress: z.boolean(),
    confirmDispatch: z.boolean(),
    handleApprovals: z.boolean(),
    supervise: z.boolean(),
  }),
});
export type ProjectDetail = z.infer<typeof projectDetail>;

export const nodeParams = z.object({
  id: idParam,
  nodeId: idParam,
});

export const addNodeBody = z.object({
  name: z.string().trim().min(2).max(32),
  plannedDate: isoDate,
  plannedPercent: z.number().min(0).max(100).nullable().optional(),
  responsibleName: optText(32),
  responsibleUserId: idRef.nullable().optional(),
  responsibleUnitId: idRef.nullable().optional(),
  /** Place it after the node with this sequence number (default: last). */
  afterSeq: int4.optional(),
});

export const updateNodeBody = z.object({
  plannedDate: isoDate.nullable().optional(),
  expectedDate: isoDate.nullable().optional(),
  actualDate: isoDate.nullable().optional(),
  plannedPercent: z.number().min(0).max(100).nullable().optional(),
  responsibleName: optText(32),
  responsibleUserId: idRef.nullable().optional(),
  responsibleUnitId: idRef.nullable().optional(),
  evidence: optText(500),
  /** Why the plan moves; required when a planned date changes (the change stays visible). */
  reason: z.string().trim().max(200).optional(),
  version: int4.min(1),
});

export const progressBody = z.object({
  progress: z.number().min(0).max(100),
  note: z.string().trim().max(200).optional(),
});
export const investmentParams = z.object({
  id: idParam,
  month: isoMonth,
});
export const investmentBody = z.object({
  amount: z.number().min(0).max(1e9),
  note: z.string().trim().max(200).nullable().optional(),
});

export type AddNodeInput = z.infer<typeof addNodeBody>;
export type UpdateNodeInput = z.infer<typeof updateNodeBody>;

export const boardQuery = pageQuery.extend({
  colour: colourEnum.optional(),
  townshipId: idParam.optional(),
  q: z.string().trim().max(64).optional(),
});
export type BoardQuery = z.infer<typeof boardQuery>;
export const boardView = z.object({
  region: z.object({ id: z.number().int(), name: z.string() }),
  asOf: z.string(),
  counts: z.object({ blue: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
  data: z.array(projectListItem.extend({ nodes: z.array(nodeView), canOpen: z.boolean() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type BoardView = z.infer<typeof boardView>;
export type BoardItem = BoardView['data'][number];

const idName = z.object({ id: z.number().int(), name: z.string() });
export const projectFacets = z.object({
  townships: z.array(idName),
  chains: z.array(z.string()),
  leaders: z.array(idName),
});
export type ProjectFacets = z.infer<typeof projectFacets>;

export const assigneesQuery = z.object({
  role: z.enum(ROLE_CODES).optional(),
  q: z.string().trim().max(32).optional(),
});
export const assigneeList = z.object({
  data: z.array(z.object({ id: z.number().int(), name: z.string(), title: z.string().nullable(), unit: z.string() })),
});
export type Assignee = z.infer<typeof assigneeList>['data'][number];

export const historyQuery = pageQuery.extend({ kind: z.string().max(20).optional() });
export const historyEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  actorName: z.string(),
  text: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type HistoryItem = z.infer<typeof historyEntry>;
export const historyPage = pageOf(historyEntry);

export const projectsApi = {
  'GET /api/projects': { query: projectListQuery, response: projectPage },
  'GET /api/projects/export': { query: projectFilterQuery, file: XLSX_FILE },
  'GET /api/projects/facets': { response: projectFacets },
  'GET /api/projects/assignees': { query: assigneesQuery, response: assigneeList },
  'GET /api/projects/board': { query: boardQuery, response: boardView },
  'GET /api/projects/:id': { params: projectIdParams, response: projectDetail },
  'POST /api/projects': { body: createProjectBody, response: projectDetail },
  'PATCH /api/projects/:id': { params: projectIdParams, body: updateProjectBody, response: projectDetail },
  'POST /api/projects/:id/nodes': { params: projectIdParams, body: addNodeBody, response: projectDetail },
  'PATCH /api/projects/:id/nodes/:nodeId': { params: nodeParams, body: updateNodeBody, response: projectDetail },
  'POST /api/projects/:id/progress': { params: projectIdParams, body: progressBody, response: projectDetail },
  'PUT /api/projects/:id/investments/:month': {
    params: investmentParams,
    body: investmentBody,
    response: projectDetail,
  },
  'GET /api/projects/:id/history': { params: projectIdParams, query: historyQuery, response: historyPage },
} satisfies ApiTable;
