import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { meetingDecisions, meetingProblems, meetings, problems } from '../../db/schema/index.js';
import { notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { inSubtree } from '../../scope.js';
import { offsetOf, type Page, type PageQuery } from '../../http/pagination.js';
import { problemVisibleTo } from '../problems/index.js';
import { applyStep } from '../problems/index.js';
import { closingEvents } from '../problems/index.js';
import { insertProblem, titleFrom } from '../problems/index.js';
import { findUnitInScope } from '../orgs/index.js';
import { findProjectInScope } from '../projects/index.js';
import { problemCode } from '../problems/index.js';

const MEETING = { zh: '会议', en: 'Meeting' };

export interface Attendee {
  unitId?: number | null | undefined;
  unitName: string;
  people: string;
}

export interface NewMeeting {
  heldOn: string;
  subject: string;
  place?: string | undefined;
  host?: string | undefined;
  attendees: Attendee[];
  summary?: string | undefined;
  problemIds?: number[] | undefined;
}

async function requireVisibleProblems(ctx: AppContext, actor: Actor, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await ctx.db
    .select({ id: problems.id })
    .from(problems)
    .where(and(inArray(problems.id, ids), problemVisibleTo(actor)));
  if (rows.length !== new Set(ids).size) throw notFound({ zh: '问题', en: 'Problem' });
}

/** Records a 党政企联席会议: attendees by organisation and the problems it discussed. */
export async function createMeeting(ctx: AppContext, actor: Actor, input: NewMeeting): Promise<number> {
  await requireVisibleProblems(ctx, actor, input.problemIds ?? []);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx
      .insert(meetings)
      .values({
        unitId: actor.scope.unitId,
        scopePath: actor.scope.path,
        heldOn: input.heldOn,
        title: input.subject,
        place: input.place ?? null,
        host: input.host ?? null,
        attendees: input.attendees,
        summary: input.summary ?? null,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: meetings.id });
    if (!m) throw new Error('meeting insert failed');
    const ids = [...new Set(input.problemIds ?? [])];
    if (ids.length) await tx.insert(meetingProblems).values(ids.map((problemId) => ({ meetingId: m.id, problemId })));
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'meeting',
        entityId: m.id,
        action: 'create',
        after: { heldOn: input.heldOn, title: input.subject, attendees: input.attendees.length, problems: ids },
      },
      now,
    );
    return m.id;
  });
}

export async function listMeetings(
  ctx: AppContext,
  actor: Actor,
  q: PageQuery,
): Promise<
  Page<{
    id: number;
    heldOn: string;
    title: string;
    place: string | null;
    attendees: number;
    problems: number;
    decisions: number;
  }>
> {
  const where = inSubtree(meetings.scopePath, actor.scope.path);
  const [rows, [count]] = await Promise.all([
    ctx.db
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
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(meetings)
      .where(where),
  ]);
  return { data: rows, total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: number) {
  const [m] = await ctx.db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, id), inSubtree(meetings.scopePath, actor.scope.path)));
  if (!m) throw notFound(MEETING);
  const discussed = await ctx.db
    .select({ id: problems.id, title: problems.title, status: problems.status, raisedAt: problems.raisedAt })
    .from(meetingProblems)
    .innerJoin(problems, eq(problems.id, meetingProblems.problemId))
    .where(and(eq(meetingProblems.meetingId, id), problemVisibleTo(actor)))
    .orderBy(asc(problems.id));
  const decisions = await ctx.db
    .select()
    .from(meetingDecisions)
    .where(eq(meetingDecisions.meetingId, id))
    .orderBy(asc(meetingDecisions.id));
  return {
    id: m.id,
    heldOn: m.heldOn,
    title: m.title,
    place: m.place,
    host: m.host,
    summary: m.summary,
    attendees: m.attendees as Attendee[],
    problems: discussed.map((p) => ({
      id: p.id,
      code: problemCode(p.id, p.raisedAt),
      title: p.title,
      status: p.status,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      kind: d.kind,
      text: d.text,
      problemId: d.problemId,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}

export type DecisionInput =
  | { kind: 'note'; text: string }
  | {
      kind: 'create_problem';
      text: string;
      category: string;
      description: string;
      firmUnitId?: number | undefined;
      projectId?: number | undefined;
    }
  | { kind: 'close_problem'; text: string; problemId: number; answer: string };

/**
 * Records a decision. One that opens a problem creates it (source 'meeting'); one that closes a
 * problem closes it with the recorded answer — in the same transaction as the decision.
 */
export async function addDecision(ctx: AppContext, actor: Actor, meetingId: number, input: DecisionInput) {
  const meeting = await getMeeting(ctx, actor, meetingId);
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now();
  let place: { firmUnitId: number | null; projectId: number | null; scopePath: string } | undefined;
  if (input.kind === 'create_problem') {
    const project = input.projectId ? await findProjectInScope(ctx.db, actor, input.projectId) : undefined;
    if (input.projectId && !project) throw notFound({ zh: '项目', en: 'Project' });
    const firmId = input.firmUnitId ?? project?.ownerFirmUnitId ?? null;
    const firm = firmId ? await findUnitInScope(ctx.db, actor.scope.path, firmId) : undefined;
    if (firmId && (!firm || firm.kind !== 'firm')) throw notFound({ zh: '企业', en: 'Firm' });
    if (!firm && !project) throw notFound({ zh: '企业或项目', en: 'Firm or project' });
    place = { firmUnitId: firm?.id ?? null, projectId: project?.id ?? null, scopePath: firm?.path ?? actor.scope.path };
  }
  await ctx.db.transaction(async (tx) => {
    let problemId: number | null = null;
    if (input.kind === 'create_problem' && place) {
      const created = await insertProblem(
        tx,
        { userId: actor.userId, name: actor.displayName, unitId: actor.scope.unitId },
        auditActorOf(actor),
        {
          source: 'meeting',
          category: input.category,
          title: titleFrom(input.description),
          description: input.description,
          ...place,
          createdBy: actor.userId,
          clientRequestId: null,
          meetingId,
          sourceRef: `meeting:${meetingId}`,
          photoIds: [],
        },
        now,
      );
      problemId = created.id;
      await tx.insert(meetingProblems).values({ meetingId, problemId }).onConflictDoNothing();
    }
    if (input.kind === 'close_problem') {
      problemId = input.problemId;
      await applyStep(tx, actor, input.problemId, undefined, 'close_by_meeting', cal, now, async ({ state }) =>
        closingEvents(actor, state, input.answer, meetingId),
      );
      await tx.insert(meetingProblems).values({ meetingId, problemId }).onConflictDoNothing();
    }
    const [d] = await tx
      .insert(meetingDecisions)
      .values({ meetingId, kind: input.kind, text: input.text, problemId, createdBy: actor.userId, createdAt: now })
      .returning({ id: meetingDecisions.id });
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'meeting',
        entityId: meeting.id,
        action: 'decision',
        after: { decision: d?.id, kind: input.kind, problemId },
      },
      now,
    );
  });
  return getMeeting(ctx, actor, meetingId);
}
