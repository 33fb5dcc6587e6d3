import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { users } from './users.js';
import { projects } from './projects.js';

/**
 * 时间节点: the approved plan (moved only by the organisation department), the commissioner's forecast
 * and the actual date, who is responsible, the evidence. A node tied to a stage moves
 * the project to that stage when it is reached. Changes are kept in project_history, never overwritten.
 */
export const projectNodes = pgTable(
  'project_nodes',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** The stage reached with this node (签约 … 投产); null for other milestones. */
    stage: text('stage'),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    plannedDate: date('planned_date', { mode: 'string' }),
    /** 预计完成: the commissioner's forecast while the node is open; a slip past the plan is a delay. */
    expectedDate: date('expected_date', { mode: 'string' }),
    actualDate: date('actual_date', { mode: 'string' }),
    plannedPercent: numeric('planned_percent', { precision: 5, scale: 1, mode: 'number' }),
    responsibleName: text('responsible_name'),
    responsibleUserId: integer('responsible_user_id').references(() => users.id),
    responsibleUnitId: integer('responsible_unit_id').references(() => orgUnits.id),
    evidence: text('evidence'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by'),
  },
  (t) => [
    index('project_nodes_project_idx').on(t.projectId, t.seq),
    index('project_nodes_responsible_idx').on(t.responsibleUserId),
  ],
);

/** Everything that happened to a project, in words, with before/after: plan changes stay visible. */
export const projectHistory = pgTable(
  'project_history',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    /** registered / updated / stage / node_plan / node_actual / node_added / progress / investment / warning */
    kind: text('kind').notNull(),
    zh: text('zh').notNull(),
    en: text('en').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('project_history_project_idx').on(t.projectId, t.id)],
);

/** Investment completed per month (万元); the dispatch report and the list read it. */
export const projectInvestments = pgTable(
  'project_investments',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.month] })],
);

/**
 * The colour of each project for every month: `colour` is the latest computation in that month (its
 * month-end colour once the month is over), `worstColour` the worst seen in it. Past months are kept.
 */
export const projectWarningMonths = pgTable(
  'project_warning_months',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    colour: text('colour').notNull(),
    worstColour: text('worst_colour').notNull(),
    reasons: jsonb('reasons').notNull(),
    rulesVersion: integer('rules_version').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.month] }),
    index('project_warning_months_month_idx').on(t.month, t.colour),
  ],
);

/** Warning rules of one region (defaults in src/domain/warnings.ts until a region saves its own). */
export const warningRules = pgTable('warning_rules', {
  regionUnitId: integer('region_unit_id')
    .primaryKey()
    .references(() => orgUnits.id),
  rules: jsonb('rules').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
});

export type ProjectNodeRow = typeof projectNodes.$inferSelect;
