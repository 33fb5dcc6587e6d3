import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { projects } from './projects.js';

/**
 * 批管验联动 · 一图管全程: one row per approval or acceptance of a project, with its department, target
 * in working days, the documents to bring (一单早告知) and the dates it was submitted and completed.
 */
export const approvalItems = pgTable(
  'approval_items',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    phase: text('phase').notNull(),
    seq: integer('seq').notNull(),
    departmentUnitId: integer('department_unit_id').references(() => orgUnits.id),
    targetDays: integer('target_days').notNull(),
    isAcceptance: boolean('is_acceptance').notNull().default(false),
    /** [{ name, provided }] */
    documents: jsonb('documents').notNull().default([]),
    submittedOn: date('submitted_on', { mode: 'string' }),
    completedOn: date('completed_on', { mode: 'string' }),
    note: text('note'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by'),
  },
  (t) => [
    index('approval_items_project_idx').on(t.projectId, t.seq),
    index('approval_items_department_idx').on(t.departmentUnitId),
    index('approval_items_acceptance_idx').on(t.isAcceptance, t.completedOn),
  ],
);

export type ApprovalItemRow = typeof approvalItems.$inferSelect;
