import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import type { PageQuery } from '../../http/pagination.js';
import type { MeetingPage, MeetingView } from '../../../shared/api/meetings.js';
import { applyStep } from '../problems/index.js';
import { closingEvents } from '../problems/index.js';
import { insertProblem, titleFrom } from '../problems/index.js';
import { findUnitInScope } from '../orgs/index.js';
import { findProjectInScope } from '../projects/index.js';
import {
  countVisibleProblems,
  decisionsOfMeeting,
  findMeeting,
  insertDecision,
  insertMeeting,
  linkProblems,
  listMeetingRows,
  problemsOfMeeting,
} from './meeting.repository.js';
import { presentMeeting } from './meeting.presenter.js';

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
  if ((await countVisibleProblems(ctx.db, actor, ids)) !== new Set(ids).size)
    throw notFound({ zh: '问题', en: 'Problem' });
}

/** Records a 党政企联席会议: attendees by organisation and the problems it discussed. */
export async function createMeeting(ctx: AppContext, actor: Actor, input: NewMeeting): Promise<number> {
  await requireVisibleProblems(ctx, actor, input.problemIds ?? []);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const meetingId = await insertMeeting(tx, {
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
    });
    const ids = [...new Set(input.problemIds ?? [])];
    await linkProblems(tx, meetingId, ids);
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'meeting',
        entityId: meetingId,
        action: 'create',
        after: { heldOn: input.heldOn, title: input.subject, attendees: input.attendees.length, problems: ids },
      },
      now,
    );
    return meetingId;
  });
}

/** Records a meeting and answers it as the detail view shows it. */
export async function recordMeeting(ctx: AppContext, actor: Actor, input: NewMeeting): Promise<MeetingView> {
  return getMeeting(ctx, actor, await createMeeting(ctx, actor, input));
}

export async function listMeetings(ctx: AppContext, actor: Actor, q: PageQuery): Promise<MeetingPage> {
  const { rows, total } = await listMeetingRows(ctx.db, actor, q);
  return { data: rows, total, page: q.page, pageSize: q.pageSize };
}

/** A meeting in the actor's scope, the problems it discussed that the actor may see, and its decisions. */
export async function getMeeting(ctx: AppContext, actor: Actor, id: number): Promise<MeetingView> {
  const m = await findMeeting(ctx.db, actor, id);
  if (!m) throw notFound(MEETING);
  const [discussed, decisions] = await Promise.all([
    problemsOfMeeting(ctx.db, actor, id),
    decisionsOfMeeting(ctx.db, actor, id),
  ]);
  return presentMeeting(m, discussed, decisions);
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
export async function addDecision(
  ctx: AppContext,
  actor: Actor,
  meetingId: number,
  input: DecisionInput,
): Promise<MeetingView> {
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
      await linkProblems(tx, meetingId, [problemId]);
    }
    if (input.kind === 'close_problem') {
      problemId = input.problemId;
      await applyStep(tx, actor, input.problemId, undefined, 'close_by_meeting', cal, now, async ({ state }) =>
        closingEvents(actor, state, input.answer, meetingId),
      );
      await linkProblems(tx, meetingId, [problemId]);
    }
    const decisionId = await insertDecision(tx, {
      meetingId,
      kind: input.kind,
      text: input.text,
      problemId,
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'meeting',
        entityId: meeting.id,
        action: 'decision',
        after: { decision: decisionId, kind: input.kind, problemId },
      },
      now,
    );
  });
  return getMeeting(ctx, actor, meetingId);
}
