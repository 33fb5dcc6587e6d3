import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { users } from './users.js';

/**
 * 项目 (a construction or investment project). The core columns every module relies on; the projects
 * module owns the rest (time nodes, warnings, approvals, cadence). Amounts are in 万元.
 *
 * Visibility (see project.scope.ts): a project belongs to every node it is bound to — its township
 * (属地乡镇), party branch, owner firm, lead unit (牵头单位), contractors (承建单位) and the departments
 * that handle its approvals — and to its 包联领导 and 项目专员.
 */
export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    pinyin: text('pinyin').notNull().default(''),
    /** 产业项目 / 基础设施 / 社会民生 … */
    kind: text('kind').notNull().default('industry'),
    industry: text('industry'),
    /** 产业链, e.g. 煤—焦—氢 (链上党建). */
    chain: text('chain'),
    /** 省重点 / 市重点 / 县重点 → province / city / county; null when not a key project. */
    level: text('level'),
    /** 洽谈 → 签约 → 供地 → 开工 → 主体封顶 → 竣工 → 投产 */
    stage: text('stage').notNull().default('negotiating'),
    regionUnitId: integer('region_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    townshipUnitId: integer('township_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    ownerFirmUnitId: integer('owner_firm_unit_id').references(() => orgUnits.id),
    partyBranchUnitId: integer('party_branch_unit_id').references(() => orgUnits.id),
    leadUnitId: integer('lead_unit_id').references(() => orgUnits.id),
    leaderUserId: integer('leader_user_id').references(() => users.id),
    /** 双员制: the 项目专员 is also the branch's 党建指导员 — one person, both roles. */
    commissionerUserId: integer('commissioner_user_id').references(() => users.id),
    managerName: text('manager_name'),
    /** 指挥部: the on-site headquarters of the 四对一 binding (党支部 + 指挥部 + 牵头单位 + 属地乡镇). */
    headquarters: text('headquarters'),
    totalInvestment: numeric('total_investment', { precision: 14, scale: 2, mode: 'number' }),
    annualPlanInvestment: numeric('annual_plan_investment', { precision: 14, scale: 2, mode: 'number' }),
    expectedOutput: numeric('expected_output', { precision: 14, scale: 2, mode: 'number' }),
    expectedTax: numeric('expected_tax', { precision: 14, scale: 2, mode: 'number' }),
    jobs: integer('jobs'),
    address: text('address'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    plannedStart: date('planned_start', { mode: 'string' }),
    plannedEnd: date('planned_end', { mode: 'string' }),
    startedOn: date('started_on', { mode: 'string' }),
    completedOn: date('completed_on', { mode: 'string' }),
    /** 形象进度 (%), as last reported by the commissioner. */
    progress: numeric('progress', { precision: 5, scale: 1, mode: 'number' }),
    progressOn: date('progress_on', { mode: 'string' }),
    /** The computed warning (never typed): colour, its rank for sorting (blue 0, yellow 1, red 2), reasons. */
    warningColour: text('warning_colour').notNull().default('blue'),
    warningRank: integer('warning_rank').notNull().default(0),
    warningReasons: jsonb('warning_reasons').notNull().default([]),
    plannedProgress: numeric('planned_progress', { precision: 5, scale: 1, mode: 'number' }),
    warningComputedAt: timestamp('warning_computed_at', { withTimezone: true }),
    createdBy: integer('created_by'),
    /** Optimistic concurrency: every write bumps it; a stale write answers 409. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('projects_township_idx').on(t.townshipUnitId),
    index('projects_region_idx').on(t.regionUnitId),
    index('projects_branch_idx').on(t.partyBranchUnitId),
    index('projects_owner_idx').on(t.ownerFirmUnitId),
    index('projects_lead_idx').on(t.leadUnitId),
    index('projects_leader_idx').on(t.leaderUserId),
    index('projects_commissioner_idx').on(t.commissionerUserId),
    index('projects_stage_idx').on(t.stage),
    // serves the default order (red first, then code) of the list and the board with an early LIMIT
    index('projects_region_rank_idx').on(t.regionUnitId, t.warningRank.desc(), t.code),
    // the same order when the filter is not one region (several regions in one database)
    index('projects_rank_code_idx').on(t.warningRank.desc(), t.code),
    index('projects_colour_idx').on(t.warningColour),
    // filters of the list without an index before (a selective one made the capped count read the whole scope),
    // and the skip scan that lists the distinct chains for the facets
    index('projects_chain_idx').on(t.chain),
    index('projects_level_idx').on(t.level),
  ],
);

/** 承建单位: contractors and sub-contractors (parentId: the contractor it works under). */
export const projectContractors = pgTable(
  'project_contractors',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    firmUnitId: integer('firm_unit_id').references(() => orgUnits.id),
    name: text('name').notNull(),
    /** general 总承包 / sub 分包 / supervisor 监理 / design 设计 */
    role: text('role').notNull().default('general'),
    parentId: integer('parent_id'),
    managerName: text('manager_name'),
    seq: integer('seq').notNull().default(0),
  },
  (t) => [
    index('project_contractors_project_idx').on(t.projectId),
    index('project_contractors_firm_idx').on(t.firmUnitId),
  ],
);

/** 专班 of a key project (市级 / 委局 / 乡镇街道), with its members. */
export const projectTaskForces = pgTable(
  'project_task_forces',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    name: text('name').notNull(),
    /** [{ name, title, unit }] */
    members: jsonb('members').notNull().default([]),
    seq: integer('seq').notNull().default(0),
  },
  (t) => [index('project_task_forces_project_idx').on(t.projectId)],
);

export type ProjectRow = typeof projects.$inferSelect;
