import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError, invalid, notFound } from '../../errors.js';
import {
  observationEvents,
  observationProjects,
  observationScores,
  orgUnits,
  projects,
} from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { halfOf } from '../../../domain/months.js';
import {
  checkCriteria,
  checkScores,
  DEFAULT_CRITERIA,
  maxTotal,
  projectTotals,
  sheetTotal,
  type Criterion,
} from '../../../domain/scoring.js';
import type { EventPage, EventView } from '../../../shared/api/observation.js';
import { projectVisibleTo, regionOfPath } from '../projects/index.js';
import { requireProject } from '../projects/index.js';

const EVENT = { zh: '观摩活动', en: 'Observation event' };
const eventScope = (actor: Actor) =>
  sql`${observationEvents.unitId} in (select o.id from org_units o where ${inSubtree(sql`o.path`, actor.scope.path)})`;

function problems(ps: Array<{ zh: string; en: string }>, field: string, fieldEn: string) {
  return invalid({
    zh: `${field}：${ps.map((p) => p.zh).join('；')}`,
    en: `${fieldEn}: ${ps.map((p) => p.en).join('; ')}`,
  });
}

export async function listEvents(
  ctx: AppContext,
  actor: Actor,
  f: { page: number; pageSize: number },
): Promise<EventPage> {
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select({
        e: observationEvents,
        projects: sql<number>`(select count(*)::int from observation_projects p where p.event_id = observation_events.id)`,
      })
      .from(observationEvents)
      .where(eventScope(actor))
      .orderBy(desc(observationEvents.heldOn), desc(observationEvents.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(observationEvents)
      .where(eventScope(actor)),
  ]);
  return {
    data: rows.map((r) => ({ id: r.e.id, title: r.e.title, half: r.e.half, heldOn: r.e.heldOn, projects: r.projects })),
    total: count?.n ?? 0,
    page: f.page,
    pageSize: f.pageSize,
  };
}

async function requireEvent(ctx: AppContext, actor: Actor, id: number) {
  const [e] = await ctx.db
    .select()
    .from(observationEvents)
    .where(and(eq(observationEvents.id, id), eventScope(actor)));
  if (!e) throw notFound(EVENT);
  return e;
}

/** The event, its scoring sheet, the visited projects the actor may see, every sheet and the totals. */
export async function getEvent(ctx: AppContext, actor: Actor, id: number): Promise<EventView> {
  const e = await requireEvent(ctx, actor, id);
  const criteria = e.criteria as Criterion[];
  const [visited, sheets] = await Promise.all([
    ctx.db
      .select({
        id: projects.id,
        name: projects.name,
        code: projects.code,
        township: orgUnits.name,
        colour: projects.warningColour,
      })
      .from(observationProjects)
      .innerJoin(projects, eq(projects.id, observationProjects.projectId))
      .leftJoin(orgUnits, eq(orgUnits.id, projects.townshipUnitId))
      .where(and(eq(observationProjects.eventId, id), projectVisibleTo(actor)))
      .orderBy(asc(observationProjects.seq)),
    ctx.db.select().from(observationScores).where(eq(observationScores.eventId, id)).orderBy(asc(observationScores.id)),
  ]);
  const visible = new Set(visited.map((v) => v.id));
  const mine = sheets.filter((s) => visible.has(s.projectId));
  const totals = projectTotals(
    criteria,
    mine.map((s) => ({ projectId: s.projectId, scores: s.scores as Record<string, number> })),
  );
  return {
    id: e.id,
    title: e.title,
    half: e.half,
    heldOn: e.heldOn,
    criteria,
    maxTotal: maxTotal(criteria),
    version: e.version,
    projects: visited.map((v) => ({ ...v, total: totals.find((t) => t.projectId === v.id) ?? null })),
    sheets: mine.map((s) => ({
      id: s.id,
      projectId: s.projectId,
      scorerName: s.scorerName,
      scores: s.scores as Record<string, number>,
      total: s.total,
      comment: s.comment,
    })),
    ranking: totals,
  };
}

/** 半年观摩: an event with its scoring sheet (the default criteria unless configured) and visited projects. */
export async function createEvent(
  ctx: AppContext,
  actor: Actor,
  input: {
    title: string;
    heldOn: string;
    half?: string | undefined;
    criteria?: Criterion[] | undefined;
    projectIds: number[];
  },
): Promise<EventView> {
  const criteria = input.criteria ?? DEFAULT_CRITERIA;
  const ps = checkCriteria(criteria);
  if (ps.length) throw problems(ps, '评分标准', 'criteria');
  for (const pid of input.projectIds) await requireProject(ctx, actor, pid);
  const region = await regionOfPath(ctx.db, actor.scope.path);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [e] = await tx
      .insert(observationEvents)
      .values({
        unitId: region?.id ?? actor.scope.unitId,
        title: input.title,
        half: input.half ?? halfOf(input.heldOn.slice(0, 7)),
        heldOn: input.heldOn,
        criteria,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    const eventId = e?.id as number;
    if (input.projectIds.length)
      await tx
        .insert(observationProjects)
        .values([...new Set(input.projectIds)].map((projectId, seq) => ({ eventId, projectId, seq })));
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'observation_event', entityId: eventId, action: 'create', after: input },
      now,
    );
    return eventId;
  });
  return getEvent(ctx, actor, id);
}

/** The sheet can change until the first score is entered (scores must stay comparable). */
export async function updateCriteria(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { criteria: Criterion[]; version: number },
): Promise<EventView> {
  await requireEvent(ctx, actor, id);
  const ps = checkCriteria(input.criteria);
  if (ps.length) throw problems(ps, '评分标准', 'criteria');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [e] = await tx.select().from(observationEvents).where(eq(observationEvents.id, id)).for('update');
    if (!e || e.version !== input.version)
      throw new AppError('CONFLICT', { zh: '评分表已被他人修改，请刷新后重试', en: 'The sheet was changed; reload' });
    const [scored] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(observationScores)
      .where(eq(observationScores.eventId, id));
    if ((scored?.n ?? 0) > 0)
      throw new AppError('CONFLICT', {
        zh: '已有评分，不能再修改评分表',
        en: 'Scores exist; the sheet can no longer change',
      });
    await tx
      .update(observationEvents)
      .set({ criteria: input.criteria, version: e.version + 1 })
      .where(eq(observationEvents.id, id));
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'observation_event', entityId: id, action: 'update', before: e.criteria, after: input.criteria },
      now,
    );
  });
  return getEvent(ctx, actor, id);
}

/** One scorer's sheet for one visited project (entering it again replaces it). */
export async function scoreProject(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { projectId: number; scorerName: string; scores: Record<string, number>; comment?: string | null | undefined },
): Promise<EventView> {
  const e = await requireEvent(ctx, actor, id);
  await requireProject(ctx, actor, input.projectId);
  const [visited] = await ctx.db
    .select()
    .from(observationProjects)
    .where(and(eq(observationProjects.eventId, id), eq(observationProjects.projectId, input.projectId)));
  if (!visited) throw invalid({ zh: '项目：不在本次观摩的项目中', en: 'projectId: not visited in this event' });
  const criteria = e.criteria as Criterion[];
  const ps = checkScores(criteria, input.scores);
  if (ps.length) throw problems(ps, '评分', 'scores');
  const now = ctx.clock.now();
  const total = sheetTotal(criteria, input.scores);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(observationScores)
      .values({
        eventId: id,
        projectId: input.projectId,
        scorerName: input.scorerName,
        scores: input.scores,
        total,
        comment: input.comment ?? null,
        enteredBy: actor.userId,
        enteredAt: now,
      })
      .onConflictDoUpdate({
        target: [observationScores.eventId, observationScores.projectId, observationScores.scorerName],
        set: { scores: input.scores, total, comment: input.comment ?? null, enteredBy: actor.userId, enteredAt: now },
      });
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'observation_score',
        entityId: `${id}:${input.projectId}`,
        action: 'score',
        after: { ...input, total },
      },
      now,
    );
  });
  return getEvent(ctx, actor, id);
}
