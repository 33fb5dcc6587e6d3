import { date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { problems } from './problems.js';
import { users } from './users.js';

/** 党政企联席会议: party, government and firms meet, discuss problems and record decisions. */
export const meetings = pgTable(
  'meetings',
  {
    id: serial('id').primaryKey(),
    /** The convening unit; the meeting is visible in its subtree. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    scopePath: text('scope_path').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    place: text('place'),
    host: text('host'),
    /** [{ unitId, unitName, people }] — attendees by organisation */
    attendees: jsonb('attendees').notNull(),
    summary: text('summary'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('meetings_scope_idx').on(t.scopePath), index('meetings_held_idx').on(t.heldOn)],
);

export const meetingProblems = pgTable(
  'meeting_problems',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.problemId] }), index('meeting_problems_problem_idx').on(t.problemId)],
);

/** A decision: a note, or one that opens a new problem or closes one with a recorded answer. */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    problemId: integer('problem_id').references(() => problems.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('meeting_decisions_meeting_idx').on(t.meetingId)],
);
