import { date, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

/**
 * 办理统计's counters (decision 034), kept by triggers on problems and problem_assignments in the
 * writing transaction. Each problem counts once under each of its scope prefixes: '/' and its
 * top-level unit ('/1/'); an actor whose scope is one of these reads the counters instead of the rows.
 * `lead_dept_id` 0 = no lead department yet.
 */
export const problemStatDays = pgTable(
  'problem_stat_days',
  {
    scopePrefix: text('scope_prefix').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    leadDeptId: integer('lead_dept_id').notNull(),
    total: integer('total').notNull(),
    closed: integer('closed').notNull(),
    closedOnTime: integer('closed_on_time').notNull(),
    /** Open with a late round already: overdue whatever the day. */
    openLate: integer('open_late').notNull(),
    fedBack: integer('fed_back').notNull(),
    feedbackOnTime: integer('feedback_on_time').notNull(),
    ratings: integer('ratings').notNull(),
    satisfied: integer('satisfied').notNull(),
    closeDaysSum: integer('close_days_sum').notNull(),
    closeDaysCount: integer('close_days_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scopePrefix, t.raisedOn, t.leadDeptId] })],
);

/**
 * What becomes overdue with the clock, counted by its due date: kind 1 = open, unanswered, no late
 * round, by answer due; kind 2 = open and not fed back, by feedback due. Read as "due < today".
 */
export const problemStatDue = pgTable(
  'problem_stat_due',
  {
    scopePrefix: text('scope_prefix').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    leadDeptId: integer('lead_dept_id').notNull(),
    kind: smallint('kind').notNull(),
    due: date('due', { mode: 'string' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scopePrefix, t.raisedOn, t.leadDeptId, t.kind, t.due] })],
);

/** Per assigned department (any role), by the problem's scope prefix and raising day. */
export const problemDeptStatDays = pgTable(
  'problem_dept_stat_days',
  {
    scopePrefix: text('scope_prefix').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    deptUnitId: integer('dept_unit_id').notNull(),
    /** Assignment rows (any status): the department has a row in the statistics iff > 0. */
    n: integer('n').notNull(),
    assigned: integer('assigned').notNull(),
    answered: integer('answered').notNull(),
    onTime: integer('on_time').notNull(),
    returned: integer('returned').notNull(),
    daysSum: integer('days_sum').notNull(),
    daysN: integer('days_n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scopePrefix, t.raisedOn, t.deptUnitId] })],
);

/** Assignments still to sign or in hand, by their answer due date. */
export const problemDeptStatDue = pgTable(
  'problem_dept_stat_due',
  {
    scopePrefix: text('scope_prefix').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    deptUnitId: integer('dept_unit_id').notNull(),
    due: date('due', { mode: 'string' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scopePrefix, t.raisedOn, t.deptUnitId, t.due] })],
);
