import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { projects } from './projects.js';
import { users } from './users.js';

/**
 * Party organisations: the details of an `org_units` node whose kind is a party kind (党委, 党支部,
 * 临时党支部, 联合党支部 …). One row per party org; the node itself (name, parent, path) stays in
 * org_units so scope filtering is the same everywhere.
 */
export const partyOrgs = pgTable('party_orgs', {
  unitId: integer('unit_id')
    .primaryKey()
    .references(() => orgUnits.id),
  establishedOn: date('established_on', { mode: 'string' }),
  /** 批复文号 */
  docNo: text('doc_no'),
  termYears: integer('term_years'),
  termStartedOn: date('term_started_on', { mode: 'string' }),
  /** 下次换届 date: termStartedOn + termYears unless set by hand. */
  nextElectionOn: date('next_election_on', { mode: 'string' }),
  /** the project a 临时党支部 serves; it closes with the project. */
  projectId: integer('project_id').references(() => projects.id),
  /** active | closed | transformed */
  status: text('status').notNull().default('active'),
  /** when transformed: the new kind (商圈/楼宇/社区 organisation) and the unit it became. */
  transformedInto: text('transformed_into'),
  closedOn: date('closed_on', { mode: 'string' }),
  closeReason: text('close_reason'),
  version: integer('version').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Units a party org covers: projects, firms, communities (a 联合党支部 normally ≤ 5 units). */
export const partyOrgCoverage = pgTable(
  'party_org_coverage',
  {
    id: serial('id').primaryKey(),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** project | unit (firm, community …) — exactly one of projectId / coveredUnitId is set. */
    targetKind: text('target_kind').notNull(),
    projectId: integer('project_id').references(() => projects.id),
    coveredUnitId: integer('covered_unit_id').references(() => orgUnits.id),
    since: date('since', { mode: 'string' }).notNull(),
    until: date('until', { mode: 'string' }),
  },
  (t) => [
    index('party_org_coverage_org_idx').on(t.orgUnitId),
    index('party_org_coverage_project_idx').on(t.projectId),
    index('party_org_coverage_unit_idx').on(t.coveredUnitId),
  ],
);

/**
 * Everyone from 群众 to 正式党员, in one table. ID number and phone are encrypted (AES-256-GCM) with a
 * blind index for exact search and a stored mask for lists; the clear value is never stored.
 * `orgPath` copies the path of the org holding the person's relation (组织关系), so a scoped list at
 * 1M people is one indexed prefix query; it changes only with the relation.
 */
export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** pinyin key: initials and full syllables ("zs zhangsan"), for "zs" → 张三 */
    pinyin: text('pinyin').notNull().default(''),
    gender: text('gender'),
    birthDate: date('birth_date', { mode: 'string' }),
    idEnc: text('id_enc'),
    idHash: text('id_hash'),
    idMasked: text('id_masked'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    phoneMasked: text('phone_masked'),
    /** masses | applicant | activist | candidate | probationary | full (群众 … 正式党员) */
    politicalStatus: text('political_status').notNull().default('masses'),
    /** 组织关系: exactly one org, or null for 群众 with no party contact */
    relationOrgUnitId: integer('relation_org_unit_id').references(() => orgUnits.id),
    orgPath: text('org_path'),
    /** where the person works: a firm node and/or a project */
    employerUnitId: integer('employer_unit_id').references(() => orgUnits.id),
    employerName: text('employer_name'),
    projectId: integer('project_id').references(() => projects.id),
    job: text('job'),
    /** the community of residence: where a relation may go when a branch closes */
    homeUnitId: integer('home_unit_id').references(() => orgUnits.id),
    isWorker: boolean('is_worker').notNull().default(false),
    isTalent: boolean('is_talent').notNull().default(false),
    isExpert: boolean('is_expert').notNull().default(false),
    /** none | out | in  (流出 / 流入) */
    flow: text('flow').notNull().default('none'),
    flowSince: date('flow_since', { mode: 'string' }),
    flowPlace: text('flow_place'),
    flowCertificate: boolean('flow_certificate').notNull().default(false),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('people_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    // A township's page, ids first: its entries in pinyin order without a heap read (decision 034).
    index('people_org_path_pinyin_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.pinyin, t.id),
    // 工作单位 contains …: trigram GIN (pg_trgm, migration problems_trgm).
    index('people_employer_trgm_idx').using('gin', t.employerName.op('gin_trgm_ops')),
    index('people_relation_idx').on(t.relationOrgUnitId),
    index('people_employer_idx').on(t.employerUnitId),
    index('people_project_idx').on(t.projectId),
    index('people_status_idx').on(t.politicalStatus),
    index('people_pinyin_idx').using('btree', sql`${t.pinyin} text_pattern_ops`),
    // the initials half of the pinyin key ("zhangsan zs" → "zs"): "zs" finds 张三 by an index range
    // instead of a leading-wildcard LIKE (see searchCondition and docs/decisions/025-people-…)
    index('people_initials_idx').using('btree', sql`split_part(${t.pinyin}, ' ', 2) text_pattern_ops`),
    // the rare flags of the list's filters, in list order: page 1 of 专家/人才/流动 walks these
    index('people_expert_pinyin_idx')
      .using('btree', sql`${t.pinyin} text_pattern_ops`)
      .where(sql`${t.isExpert}`),
    index('people_talent_pinyin_idx')
      .using('btree', sql`${t.pinyin} text_pattern_ops`)
      .where(sql`${t.isTalent}`),
    index('people_flow_pinyin_idx')
      .using('btree', t.flow, sql`${t.pinyin} text_pattern_ops`)
      .where(sql`${t.flow} <> 'none'`),
    index('people_name_idx').using('btree', sql`${t.name} text_pattern_ops`),
    uniqueIndex('people_id_hash_uq').on(t.idHash),
    index('people_phone_hash_idx').on(t.phoneHash),
  ],
);

/** 双向管理: a person takes part in an org other than the one holding the relation. */
export const personParticipations = pgTable(
  'person_participations',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** participant | secretary | deputy_secretary | committee_member | group_leader */
    role: text('role').notNull().default('participant'),
    since: date('since', { mode: 'string' }).notNull(),
    until: date('until', { mode: 'string' }),
  },
  (t) => [
    index('person_participations_person_idx').on(t.personId),
    index('person_participations_org_idx').on(t.orgUnitId),
  ],
);

/** Committee of an org: secretary, deputy, members (elected, or appointed in a 临时党支部). */
export const orgOfficers = pgTable(
  'org_officers',
  {
    id: serial('id').primaryKey(),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    /** secretary | deputy_secretary | committee_member */
    role: text('role').notNull(),
    appointed: boolean('appointed').notNull().default(false),
    since: date('since', { mode: 'string' }).notNull(),
    until: date('until', { mode: 'string' }),
  },
  (t) => [index('org_officers_org_idx').on(t.orgUnitId), index('org_officers_person_idx').on(t.personId)],
);

/**
 * The development pipeline of one person (入党申请人 → … → 正式党员): the date of every step, the
 * probation extension, introducers and contacts. Due dates are computed by src/domain, not stored.
 */
export const developmentRecords = pgTable('development_records', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => people.id),
  orgUnitId: integer('org_unit_id').references(() => orgUnits.id),
  appliedOn: date('applied_on', { mode: 'string' }),
  talkedOn: date('talked_on', { mode: 'string' }),
  activistOn: date('activist_on', { mode: 'string' }),
  candidateOn: date('candidate_on', { mode: 'string' }),
  admittedOn: date('admitted_on', { mode: 'string' }),
  extensionMonths: integer('extension_months'),
  extensionReason: text('extension_reason'),
  fullOn: date('full_on', { mode: 'string' }),
  /** [{personId?, name}] */
  introducers: jsonb('introducers').notNull().default([]),
  contacts: jsonb('contacts').notNull().default([]),
  version: integer('version').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A person's timeline: pipeline steps, relation changes, flows — what the detail page draws. */
export const personEvents = pgTable(
  'person_events',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    text: jsonb('text').notNull(),
    data: jsonb('data'),
    byUserId: integer('by_user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('person_events_person_idx').on(t.personId)],
);

/**
 * Transfer of a relation (组织关系转接): 开具 → 接收 / 拒绝 / 超期 / 撤销; the letter is valid 90 days;
 * the person's org changes only on receipt.
 */
export const relationTransfers = pgTable(
  'relation_transfers',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    fromOrgUnitId: integer('from_org_unit_id').references(() => orgUnits.id),
    toOrgUnitId: integer('to_org_unit_id').references(() => orgUnits.id),
    /** an org outside the system (another city) */
    toOrgName: text('to_org_name'),
    letterNo: text('letter_no'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    /** issued | received | rejected | expired | revoked */
    status: text('status').notNull().default('issued'),
    decidedOn: date('decided_on', { mode: 'string' }),
    reason: text('reason'),
    issuedBy: integer('issued_by').references(() => users.id),
    decidedBy: integer('decided_by').references(() => users.id),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('relation_transfers_person_idx').on(t.personId),
    index('relation_transfers_to_idx').on(t.toOrgUnitId),
    index('relation_transfers_status_idx').on(t.status),
  ],
);

/**
 * Joint-branch proposals of the coverage engine: the units it would group, the reasons, and what a
 * person decided (accepted → the joint branch created, edited, or rejected).
 */
export const coverageProposals = pgTable(
  'coverage_proposals',
  {
    id: serial('id').primaryKey(),
    /** the township (or region) the proposal belongs to */
    areaUnitId: integer('area_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    areaPath: text('area_path').notNull(),
    /** deterministic key of the grouped units, so recomputation keeps decided proposals */
    groupKey: text('group_key').notNull(),
    name: text('name').notNull(),
    /** [{kind:'project'|'unit', id, name, members, lng, lat, industry}] */
    units: jsonb('units').notNull(),
    reasons: jsonb('reasons').notNull(),
    formalMembers: integer('formal_members').notNull(),
    /** open | accepted | rejected | stale */
    status: text('status').notNull().default('open'),
    createdOrgUnitId: integer('created_org_unit_id').references(() => orgUnits.id),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('coverage_proposals_area_idx').using('btree', sql`${t.areaPath} text_pattern_ops`),
    index('coverage_proposals_key_idx').on(t.groupKey),
  ],
);

/** 三同步 tasks: a newly registered project opens "set up the branch" with a due date. */
export const orgSetupTasks = pgTable(
  'org_setup_tasks',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    /** setup_branch */
    kind: text('kind').notNull().default('setup_branch'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** The day the working days are counted from (registration); null on rows made before it was kept. */
    countedFrom: date('counted_from', { mode: 'string' }),
    /** 暂定: due_on was counted across this year, whose calendar is not loaded (weekends only). */
    provisionalYear: integer('provisional_year'),
    /** open | done | cancelled */
    status: text('status').notNull().default('open'),
    secretaryPersonId: integer('secretary_person_id').references(() => people.id),
    managerName: text('manager_name'),
    orgUnitId: integer('org_unit_id').references(() => orgUnits.id),
    doneOn: date('done_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('org_setup_tasks_project_uq').on(t.projectId, t.kind)],
);
