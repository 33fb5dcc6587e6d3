import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { projects } from './projects.js';
import { users } from './users.js';

/**
 * 问题台账 (企业吹哨、党委响应、部门报到). `problem_events` is the append-only history and the truth;
 * the status, owner and deadline columns here and in `problem_assignments` are its projection,
 * rewritten from a fold of the history after every step (and checked equal to it in the tests).
 */
export const problems = pgTable(
  'problems',
  {
    id: serial('id').primaryKey(),
    /** Idempotent intake: a retried submission with the same id returns the first problem. */
    clientRequestId: text('client_request_id'),
    createdBy: integer('created_by').references(() => users.id),
    /** firm | commissioner | meeting | supervision */
    source: text('source').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    firmUnitId: integer('firm_unit_id').references(() => orgUnits.id),
    projectId: integer('project_id').references(() => projects.id),
    /** The firm's path (or the project's township path): org-tree scope of the problem. */
    scopePath: text('scope_path').notNull(),
    meetingId: integer('meeting_id'),
    sourceRef: text('source_ref'),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    ownerUnitId: integer('owner_unit_id'),
    leadDeptUnitId: integer('lead_dept_unit_id'),
    round: integer('round').notNull().default(1),
    firstDispatchedAt: timestamp('first_dispatched_at', { withTimezone: true }),
    answerDue: date('answer_due', { mode: 'string' }),
    feedbackDue: date('feedback_due', { mode: 'string' }),
    /** 暂定: a deadline was counted across this year, whose calendar is not loaded (weekends only); recomputed when loaded. */
    slaProvisionalYear: integer('sla_pending_year'),
    /** The first day a reminder not yet sent may fall due (the SLA job looks only at these). */
    nextReminderOn: date('next_reminder_on', { mode: 'string' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    fedBackAt: timestamp('fed_back_at', { withTimezone: true }),
    feedbackOnTime: boolean('feedback_on_time'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason'),
    onTime: boolean('on_time'),
    lateRounds: integer('late_rounds').notNull().default(0),
    rating: text('rating'),
    ratingsTotal: integer('ratings_total').notNull().default(0),
    ratingsSatisfied: integer('ratings_satisfied').notNull().default(0),
    closeWorkingDays: integer('close_working_days'),
    /** 办理结果 as the ledger shows it: the feedback, else the answer, else the closing answer. */
    resultText: text('result_text'),
    eventCount: integer('event_count').notNull().default(0),
    /** Optimistic concurrency: every step bumps it; a stale step answers 409. */
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('problems_client_request_uq').on(t.createdBy, t.clientRequestId),
    index('problems_scope_idx').using('btree', sql`${t.scopePath} text_pattern_ops`),
    index('problems_firm_idx').on(t.firmUnitId),
    index('problems_project_idx').on(t.projectId),
    index('problems_lead_idx').on(t.leadDeptUnitId, t.status),
    index('problems_status_idx').on(t.status, t.id),
    index('problems_raised_idx').on(t.raisedOn),
    index('problems_owner_idx').on(t.ownerUserId),
    index('problems_reminder_idx')
      .on(t.nextReminderOn)
      .where(sql`${t.nextReminderOn} is not null`),
    index('problems_pending_idx')
      .on(t.slaProvisionalYear)
      .where(sql`${t.slaProvisionalYear} is not null`),
    // Open problems are a few percent of a mature ledger: "overdue" and the boards scan only these.
    // In the ledger's due order (answer_due asc nulls last, id desc): a department's queue sorted by
    // due date walks it and stops at page 1 (decision 034); the overdue filters read its ranges.
    index('problems_open_idx')
      .on(t.answerDue, t.id.desc().nullsFirst())
      .where(sql`${t.status} not in ('rated', 'closed')`),
    // The ledger's search ('%…%' in title or description): trigram GIN, pg_trgm from migration 0008.
    index('problems_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('problems_description_trgm_idx').using('gin', t.description.op('gin_trgm_ops')),
  ],
);

/** The append-only history (no UPDATE/DELETE: see the custom migration). */
export const problemEvents = pgTable(
  'problem_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    actorUnitId: integer('actor_unit_id'),
    data: jsonb('data').notNull(),
  },
  (t) => [uniqueIndex('problem_events_seq_uq').on(t.problemId, t.seq)],
);

/** One dispatch to one department (主办 or 协办), projected from the history. */
export const problemAssignments = pgTable(
  'problem_assignments',
  {
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    no: integer('no').notNull(),
    deptUnitId: integer('dept_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    role: text('role').notNull(),
    designated: boolean('designated').notNull(),
    round: integer('round').notNull(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }).notNull(),
    signDue: date('sign_due', { mode: 'string' }),
    answerDue: date('answer_due', { mode: 'string' }),
    provisionalYear: integer('pending_year'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    status: text('status').notNull(),
    extensionDays: integer('extension_days').notNull().default(0),
    extensionPending: boolean('extension_pending').notNull().default(false),
    answerOnTime: boolean('answer_on_time'),
    answerWorkingDays: integer('answer_working_days'),
  },
  (t) => [
    primaryKey({ columns: [t.problemId, t.no] }),
    index('problem_assignments_dept_idx').on(t.deptUnitId, t.status, t.problemId),
  ],
);

/** Photos of a problem: re-encoded images with every metadata segment (GPS included) removed. */
export const problemPhotos = pgTable(
  'problem_photos',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id').references(() => problems.id),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    file: text('file').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('problem_photos_problem_idx').on(t.problemId), index('problem_photos_uploader_idx').on(t.uploadedBy)],
);

/** Per-category SLA overrides; categories without a row use the defaults in shared/problem-categories.ts. */
export const problemCategorySla = pgTable('problem_category_sla', {
  category: text('category').primaryKey(),
  signDays: integer('sign_days').notNull(),
  answerDays: integer('answer_days').notNull(),
  feedbackAfterAnswerDays: integer('feedback_after_answer_days').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
});

/**
 * 类别 → 承办部门 routing kept by 组织部: the department a dispatch of this category is suggested to
 * (preselected in the 交办 form; the person dispatching may change it). One row per category.
 */
export const problemCategoryRoutes = pgTable('problem_category_routes', {
  category: text('category').primaryKey(),
  deptUnitId: integer('dept_unit_id')
    .notNull()
    .references(() => orgUnits.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
});

/** Each department's 负责人 (gets 催办), 分管领导 (gets 通报) and group-robot webhook. */
export const problemDeptSettings = pgTable('problem_dept_settings', {
  deptUnitId: integer('dept_unit_id')
    .primaryKey()
    .references(() => orgUnits.id),
  headUserId: integer('head_user_id').references(() => users.id),
  leaderUserId: integer('leader_user_id').references(() => users.id),
  /** wecom | dingtalk */
  webhookKind: text('webhook_kind'),
  /** The robot URL carries its key: encrypted at rest. */
  webhookUrlEnc: text('webhook_url_enc'),
  webhookSecretEnc: text('webhook_secret_enc'),
  webhookEnabled: boolean('webhook_enabled').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
});

/** Outbox and delivery log of group-robot messages: retried with backoff by a job. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: serial('id').primaryKey(),
    deptUnitId: integer('dept_unit_id').notNull(),
    problemId: integer('problem_id'),
    kind: text('kind').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_dept_idx').on(t.deptUnitId, t.id),
  ],
);

export type ProblemRow = typeof problems.$inferSelect;
export type ProblemEventRow = typeof problemEvents.$inferSelect;
