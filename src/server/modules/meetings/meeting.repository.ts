import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { meetingDecisions, meetingProblems, meetings, problems } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { offsetOf, type PageQuery } from '../../http/pagination.js';
import { problemVisibleTo } from '../problems/index.js';

/**
 * The queries of the meetings tables. Every read takes the actor: a meeting is visible when it was
 * recorded in the actor's subtree, and what hangs off it (problems, decisions) only through a visible
 * meeting — the problems discussed, in addition, only when the actor may see the problem itself.
 */
const meetingInScope = (actor: Actor) => inSubtree(meetings.scopePath, actor.scope.path);

/** `meetings.id = id` inside the actor's scope, for the rows that hang off a meeting. */
const visibleMeeting = (actor: Actor, id: number) =>
  sql`exists (select 1 from ${meetings} where ${meetings.id} = ${id} and ${meetingInScope(actor)})`;

export async function listMeetingRows(db: Executor, actor: Actor, q: PageQuery) {
  const where = meetingInScope(actor);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: meetings.id,
        heldOn: meetings.heldOn,
        title: meetings.title,
        place: meetings.place,
        attendees: sql<number>`jsonb_array_length(${meetings.attendees})::int`,
        // Written out: inside select fields drizzle leaves columns unqualified, and md has its own id.
        problems: sql<number>`(select count(*)::int from meeting_problems mp where mp.meeting_id = "meetings"."id")`,
        decisions: sql<number>`(select count(*)::int from meeting_decisions md where md.meeting_id = "meetings"."id")`,
      })
      .from(meetings)
      .where(where)
      .orderBy(desc(meetings.heldOn), desc(meetings.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(meetings)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findMeeting(db: Executor, actor: Actor, id: number) {
  const [m] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, id), meetingInScope(actor)));
  return m;
}

/** The problems a visible meeting discussed, those the actor may see. */
export async function problemsOfMeeting(db: Executor, actor: Actor, meetingId: number) {
  return db
    .select({ id: problems.id, title: problems.title, status: problems.status, raisedAt: problems.raisedAt })
    .from(meetingProblems)
    .innerJoin(problems, eq(problems.id, meetingProblems.problemId))
    .where(and(eq(meetingProblems.meetingId, meetingId), visibleMeeting(actor, meetingId), problemVisibleTo(actor)))
    .orderBy(asc(problems.id));
}

/** The decisions of a visible meeting. */
export async function decisionsOfMeeting(db: Executor, actor: Actor, meetingId: number) {
  return db
    .select()
    .from(meetingDecisions)
    .where(and(eq(meetingDecisions.meetingId, meetingId), visibleMeeting(actor, meetingId)))
    .orderBy(asc(meetingDecisions.id));
}

/** How many of these problems the actor may see (a meeting may only take up visible problems). */
export async function countVisibleProblems(db: Executor, actor: Actor, ids: number[]): Promise<number> {
  const rows = await db
    .select({ id: problems.id })
    .from(problems)
    .where(and(inArray(problems.id, ids), problemVisibleTo(actor)));
  return rows.length;
}

export async function insertMeeting(db: Executor, values: typeof meetings.$inferInsert): Promise<number> {
  const [m] = await db.insert(meetings).values(values).returning({ id: meetings.id });
  if (!m) throw new Error('meeting insert failed');
  return m.id;
}

export async function linkProblems(db: Executor, meetingId: number, problemIds: number[]): Promise<void> {
  if (problemIds.length === 0) return;
  await db
    .insert(meetingProblems)
    .values(problemIds.map((problemId) => ({ meetingId, problemId })))
    .onConflictDoNothing();
}

export async function insertDecision(db: Executor, values: typeof meetingDecisions.$inferInsert) {
  const [d] = await db.insert(meetingDecisions).values(values).returning({ id: meetingDecisions.id });
  return d?.id;
}
