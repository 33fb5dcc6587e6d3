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
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { projects } from './projects.js';

/** 月调度: a project's confirmed report for a month; the prefilled snapshot is kept as confirmed. */
export const dispatchReports = pgTable(
  'dispatch_reports',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    remarks: text('remarks'),
    confirmedBy: integer('confirmed_by'),
    confirmedByName: text('confirmed_by_name').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('dispatch_reports_project_month_uq').on(t.projectId, t.month),
    index('dispatch_reports_month_idx').on(t.month),
  ],
);

/** 季督办: a visit of the supervision group (督导组) in a quarter. */
export const supervisionVisits = pgTable(
  'supervision_visits',
  {
    id: serial('id').primaryKey(),
    /** The unit that organised it (the region); scoped like any org-tree row. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    quarter: text('quarter').notNull(),
    groupName: text('group_name').notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    members: text('members'),
    summary: text('summary'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supervision_visits_unit_idx').on(t.unitId, t.quarter)],
);

/**
 * A finding of a visit about one project. `problemId` links it to the problem ledger once the
 * problems module turns it into a problem (it subscribes to 'supervision.findingRaised').
 */
export const supervisionFindings = pgTable(
  'supervision_findings',
  {
    id: serial('id').primaryKey(),
    visitId: integer('visit_id')
      .notNull()
      .references(() => supervisionVisits.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    responsibleUnitId: integer('responsible_unit_id').references(() => orgUnits.id),
    status: text('status').notNull().default('open'),
    resolution: text('resolution'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** The problem-ledger entry this finding became (no foreign key: that module owns the table). */
    problemId: integer('problem_id'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('supervision_findings_project_idx').on(t.projectId, t.status),
    index('supervision_findings_visit_idx').on(t.visitId),
  ],
);

/** 半年观摩: an observation event with its scoring sheet (configurable criteria). */
export const observationEvents = pgTable(
  'observation_events',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    title: text('title').notNull(),
    half: text('half').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** [{ key, zh, en, max }] */
    criteria: jsonb('criteria').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('observation_events_unit_idx').on(t.unitId)],
);

export const observationProjects = pgTable(
  'observation_projects',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => observationEvents.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.projectId] })],
);

/** One scorer's sheet for one visited project. */
export const observationScores = pgTable(
  'observation_scores',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => observationEvents.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    scorerName: text('scorer_name').notNull(),
    scores: jsonb('scores').notNull(),
    total: numeric('total', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    comment: text('comment'),
    enteredBy: integer('entered_by'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('observation_scores_uq').on(t.eventId, t.projectId, t.scorerName)],
);

export type SupervisionFindingRow = typeof supervisionFindings.$inferSelect;
export type DispatchReportRow = typeof dispatchReports.$inferSelect;
