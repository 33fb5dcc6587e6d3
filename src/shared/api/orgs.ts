import { z } from 'zod';
import { idParam, idRef, int4, INT4_MAX, isoDate } from '../input.js';
import { ORG_KIND_CODES } from '../org-kinds.js';
import type { ApiTable } from './contract.js';

/**
 * 党组织 (the org tree, party-org details and life cycle) and 组织覆盖 (coverage classes and rates,
 * joint-branch proposals, 三同步 tasks): the request and response contract of /api/orgs and
 * /api/coverage (server validates and serialises, web infers).
 */

const text = z.object({ zh: z.string(), en: z.string() });
const okSchema = z.object({ ok: z.literal(true) });
const idParams = z.object({ id: idParam });
const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
const page = {
  page: z.coerce.number().int().min(1).max(INT4_MAX).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

// ---- the org tree and party-org details --------------------------------------------------------

export const orgKind = z.enum(ORG_KIND_CODES);

export const orgNodeView = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  kind: orgKind,
  kindZh: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  code: z.string().nullable(),
  depth: z.number().int(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  industry: z.string().nullable(),
  address: z.string().nullable(),
  closed: z.boolean(),
});

export const officerView = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  name: z.string(),
  role: z.string(),
  appointed: z.boolean(),
  since: z.string(),
});

export const coveredView = z.object({
  id: z.number().int(),
  targetKind: z.enum(['project', 'unit']),
  targetId: z.number().int(),
  name: z.string(),
  since: z.string(),
});

export const partyDetails = z.object({
  establishedOn: z.string().nullable(),
  docNo: z.string().nullable(),
  termYears: z.number().int().nullable(),
  termStartedOn: z.string().nullable(),
  nextElectionOn: z.string().nullable(),
  projectId: z.number().int().nullable(),
  status: z.string(),
  transformedInto: z.string().nullable(),
  closedOn: z.string().nullable(),
  version: z.number().int(),
  secretary: z.string().nullable(),
  officers: z.array(officerView),
  covered: z.array(coveredView),
  formalMembers: z.number().int(),
  /** everyone holding the relation here (all statuses) */
  relationMembers: z.number().int(),
  participants: z.number().int(),
});

/** A rule check (a warning, never a block), explaining the rule and the numbers. */
export const orgWarning = z.object({
  code: z.enum([
    'needs_committee',
    'consider_general_branch',
    'consider_committee',
    'term_due',
    'term_overdue',
    'joint_too_wide',
    'temp_branch_limits',
  ]),
  level: z.enum(['info', 'warning', 'danger']),
  zh: z.string(),
  en: z.string(),
});

/** One unit with, for a party org, its details and rule warnings. */
export const orgDetail = orgNodeView.extend({
  party: partyDetails.optional(),
  warnings: z.array(orgWarning).optional(),
});

export type OrgNodeView = z.infer<typeof orgNodeView>;
export type PartyDetails = z.infer<typeof partyDetails>;
export type OrgWarning = z.infer<typeof orgWarning>;
export type OrgDetail = z.infer<typeof orgDetail>;
export type OrgTreeNode = OrgDetail & { children: OrgTreeNode[] };

export const orgTreeNode: z.ZodType<OrgTreeNode> = orgDetail.extend({
  get children(): z.ZodArray<z.ZodType<OrgTreeNode>> {
    return z.array(orgTreeNode);
  },
});

export const treeQuery = z.object({ includeClosed: z.enum(['true', 'false']).optional() });
export const orgTree = z.object({ data: z.array(orgTreeNode) });

export const optionsQuery = z.object({
  q: z.string().trim().max(64).optional(),
  kind: z.array(orgKind).or(orgKind).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const orgOption = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  path: z.string(),
  depth: z.number().int(),
});
export const orgOptions = z.object({ data: z.array(orgOption) });
export type OrgOptions = z.infer<typeof orgOptions>;

/** Temporary and joint branches whose covered projects are all completed (转型或撤销). */
export const lifecycleBranch = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  projects: z.array(z.string()),
});
export const lifecycleList = z.object({ data: z.array(lifecycleBranch) });
export type LifecycleBranch = z.infer<typeof lifecycleBranch>;

const partyFields = {
  establishedOn: isoDate.nullable().optional(),
  docNo: z.string().trim().max(64).nullable().optional(),
  termYears: z.number().int().min(1).max(5).nullable().optional(),
  termStartedOn: isoDate.nullable().optional(),
  nextElectionOn: isoDate.nullable().optional(),
  projectId: idRef.nullable().optional(),
  covered: z
    .array(z.object({ kind: z.enum(['project', 'unit']), id: idRef }))
    .max(50)
    .optional(),
  officers: z
    .array(
      z.object({
        personId: idRef,
        role: z.enum(['secretary', 'deputy_secretary', 'committee_member']),
      }),
    )
    .max(30)
    .optional(),
};

export const createOrgBody = z.object({
  parentId: idRef,
  kind: orgKind,
  name: z.string().trim().min(2).max(64),
  ...partyFields,
});
export const updateOrgBody = z.object({
  name: z.string().trim().min(2).max(64).optional(),
  version: int4.optional(),
  ...partyFields,
});
export const createdOrg = z.object({ id: z.number().int() });

const destinationWhy = z.enum(['home', 'previous', 'township']);
export const closePlanSchema = z.object({
  orgUnitId: z.number().int(),
  name: z.string(),
  members: z.array(
    z.object({
      personId: z.number().int(),
      name: z.string(),
      politicalStatus: z.string(),
      proposed: z
        .object({ orgUnitId: z.number().int(), name: z.string(), why: z.enum(['home', 'previous']) })
        .nullable(),
      options: z.array(z.object({ orgUnitId: z.number().int(), name: z.string(), why: destinationWhy })),
    }),
  ),
  /** members with no proposed destination: closing refuses until one is chosen for each */
  withoutDestination: z.array(z.object({ personId: z.number().int(), name: z.string() })),
  participants: z.number().int(),
  fallbacks: z.array(z.object({ orgUnitId: z.number().int(), name: z.string() })),
});
export type ClosePlan = z.infer<typeof closePlanSchema>;
export type ClosePlanMember = ClosePlan['members'][number];

export const closeBody = z.object({
  destinations: z
    .array(z.object({ personId: idRef, orgUnitId: idRef }))
    .max(5000)
    .optional(),
  reason: z.string().trim().max(200).optional(),
});
export const closed = z.object({ moved: z.number().int() });

/** 转型 into a 商圈, 楼宇 or 社区 党支部. */
export const TRANSFORM_INTO = {
  business_district: { zh: '商圈', en: 'business district' },
  building: { zh: '楼宇', en: 'building' },
  community: { zh: '社区', en: 'community' },
} as const;
export type TransformInto = keyof typeof TRANSFORM_INTO;
export const transformBody = z.object({
  into: z.enum(Object.keys(TRANSFORM_INTO) as [TransformInto, ...TransformInto[]]),
  name: z.string().trim().min(2).max(64),
});

// ---- organisation coverage ---------------------------------------------------------------------

export const coverageClass = z.enum(['own_branch', 'joint_branch', 'needs_own', 'needs_joint']);
export type CoverageClass = z.infer<typeof coverageClass>;

export const rates = z.object({
  units: z.number().int(),
  orgCovered: z.number().int(),
  workCovered: z.number().int(),
  /** 组织覆盖率 (percent, one decimal) */
  orgRate: z.number(),
  /** 工作覆盖率 (percent, one decimal) */
  workRate: z.number(),
});
export type Rates = z.infer<typeof rates>;

export const coverageUnitView = z.object({
  /** stable key: "p:12" or "f:34" */
  key: z.string(),
  kind: z.enum(['project', 'firm']),
  id: z.number().int(),
  name: z.string(),
  areaId: z.number().int(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  industry: z.string().nullable(),
  byRelation: z.number().int(),
  byParticipation: z.number().int(),
  coveredBy: z.object({ orgId: z.number().int(), orgName: z.string(), joint: z.boolean() }).nullable(),
  hasInstructor: z.boolean(),
  formalMembers: z.number().int(),
  class: coverageClass,
  classZh: z.string(),
  townshipName: z.string(),
});
export type CoverageUnitView = z.infer<typeof coverageUnitView>;

export const coverageQuery = z.object({
  class: coverageClass.optional(),
  townshipId: idParam.optional(),
  q: z.string().trim().max(64).optional(),
  ...page,
});

export const coverageOverview = z.object({
  formulas: z.object({
    orgRate: text,
    workRate: text,
    classes: z.record(coverageClass, text),
    memberCounting: text,
  }),
  /** the actor's scope (a region, or a township for its 专员): the figures are its subtree's */
  region: rates.extend({ id: z.number().int(), name: z.string() }),
  townships: z.array(rates.extend({ id: z.number().int(), name: z.string() })),
  byClass: z.record(coverageClass, z.number().int()),
  units: pageOf(coverageUnitView),
});
export type CoverageOverview = z.infer<typeof coverageOverview>;

export const proposalStatus = z.enum(['open', 'accepted', 'rejected', 'stale']);

/** A unit as stored in a proposal (its numbers when the proposal was computed). */
export const storedUnit = z.object({
  key: z.string(),
  kind: z.enum(['project', 'firm']),
  id: z.number().int(),
  name: z.string(),
  members: z.number().int(),
  byRelation: z.number().int(),
  byParticipation: z.number().int(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  industry: z.string().nullable(),
});

export const proposalRow = z.object({
  id: z.number().int(),
  areaUnitId: z.number().int(),
  areaPath: z.string(),
  areaName: z.string(),
  groupKey: z.string(),
  name: z.string(),
  units: z.array(storedUnit),
  reasons: z.array(text),
  formalMembers: z.number().int(),
  status: proposalStatus,
  createdOrgUnitId: z.number().int().nullable(),
  decidedBy: z.number().int().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  computedAt: z.string(),
  version: z.number().int(),
});
export type ProposalRow = z.infer<typeof proposalRow>;

export const proposalsQuery = z.object({ status: proposalStatus.optional(), ...page });
export const proposalList = pageOf(proposalRow).extend({
  /** when the stored proposals were last computed (null: never; press 重新计算) */
  computedAt: z.string().nullable(),
  rules: z.object({
    maxKm: z.number(),
    maxUnits: z.number().int(),
    minMembers: z.number().int(),
    maxMembers: z.number().int(),
  }),
  /** small units no proposal could take (no neighbour within reach): covered by work meanwhile */
  leftOver: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      areaId: z.number().int(),
      members: z.number().int(),
      lng: z.number().nullable(),
      lat: z.number().nullable(),
      industry: z.string().nullable(),
    }),
  ),
});
export type ProposalList = z.infer<typeof proposalList>;

export const recomputeBody = z.object({}).strict().optional();
export const recomputeResult = z.object({
  computedAt: z.string(),
  /** open proposals in scope after the recomputation */
  open: z.number().int(),
  added: z.number().int(),
  refreshed: z.number().int(),
  stale: z.number().int(),
});
export type RecomputeResult = z.infer<typeof recomputeResult>;

const unitKey = z.string().regex(/^[pf]:\d+$/, 'p:<项目id> 或 f:<企业id>');
export const acceptBody = z.object({
  name: z.string().trim().min(2).max(64).optional(),
  parentOrgUnitId: idRef.optional(),
  removeKeys: z.array(unitKey).max(10).optional(),
  addKeys: z.array(unitKey).max(10).optional(),
  establishedOn: isoDate.optional(),
  docNo: z.string().trim().max(64).optional(),
});
export const accepted = z.object({ orgUnitId: z.number().int() });
export const rejectBody = z.object({ reason: z.string().trim().min(2).max(200) });

export const setupTasksQuery = z.object({ status: z.enum(['open', 'done', 'cancelled']).optional(), ...page });
export const setupTaskRow = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  projectCode: z.string(),
  township: z.string(),
  dueOn: z.string(),
  provisionalYear: z.number().int().nullable(),
  status: z.string(),
  managerName: z.string().nullable(),
  orgUnitId: z.number().int().nullable(),
  doneOn: z.string().nullable(),
  secretaryPersonId: z.number().int().nullable(),
  /** calendar days left until the due date (open tasks only; negative when overdue) */
  daysLeft: z.number().int().nullable(),
});
export type SetupTaskRow = z.infer<typeof setupTaskRow>;
export const setupTaskList = pageOf(setupTaskRow);

export const orgsApi = {
  'GET /api/orgs/tree': { query: treeQuery, response: orgTree },
  'GET /api/orgs/options': { query: optionsQuery, response: orgOptions },
  'GET /api/orgs/lifecycle': { response: lifecycleList },
  'GET /api/orgs/:id': { params: idParams, response: orgDetail },
  'POST /api/orgs': { body: createOrgBody, response: createdOrg },
  'PATCH /api/orgs/:id': { params: idParams, body: updateOrgBody, response: okSchema },
  'GET /api/orgs/:id/close-plan': { params: idParams, response: closePlanSchema },
  'POST /api/orgs/:id/close': { params: idParams, body: closeBody, response: closed },
  'POST /api/orgs/:id/transform': { params: idParams, body: transformBody, response: okSchema },
  'GET /api/coverage': { query: coverageQuery, response: coverageOverview },
  'GET /api/coverage/proposals': { query: proposalsQuery, response: proposalList },
  'POST /api/coverage/proposals/recompute': { body: recomputeBody, response: recomputeResult },
  'POST /api/coverage/proposals/:id/accept': { params: idParams, body: acceptBody, response: accepted },
  'POST /api/coverage/proposals/:id/reject': { params: idParams, body: rejectBody, response: okSchema },
  'GET /api/coverage/setup-tasks': { query: setupTasksQuery, response: setupTaskList },
} satisfies ApiTable;
