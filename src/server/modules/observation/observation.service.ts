import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError, invalid, notFound } from '../../errors.js';
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
import { regionOfPath } from '../projects/index.js';
import { requireProject } from '../projects/index.js';
import {
  countSheets,
  findEvent,
  insertEvent,
  listEventRows,
  lockEvent,
  setCriteria,
  sheetsOfEvent,
  upsertSheet,
  visitedProjects,
  wasVisited,
} from './observation.repository.js';

const EVENT = { zh: '观摩活动', en: 'Observation event' };

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
  const { rows, total } = await listEventRows(ctx.db, actor, f);
  return {
    data: rows.map((r) => ({ id: r.e.id, title: r.e.title, half: r.e.half, heldOn: r.e.heldOn, projects: r.projects })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

async function requireEvent(ctx: AppContext, actor: Actor, id: number) {
  const e = await findEvent(ctx.db, actor, id);
  if (!e) throw notFound(EVENT);
  return e;
}

/** The event, its scoring sheet, the visited projects the actor may see, every sheet and the totals. */
export async function getEvent(ctx: AppContext, actor: Actor, id: number): Promise<EventView> {
  const e = await requireEvent(ctx, actor, id);
  const criteria = e.criteria as Criterion[];
  const [visited, sheets] = await Promise.all([visitedProjects(ctx.db, actor, id), sheetsOfEvent(ctx.db, actor, id)]);
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
    const eventId = await insertEvent(
      tx,
      {
        unitId: region?.id ?? actor.scope.unitId,
        title: input.title,
        half: input.half ?? halfOf(input.heldOn.slice(0, 7)),
        heldOn: input.heldOn,
        criteria,
        createdBy: actor.userId,
        createdAt: now,
      },
      input.projectIds,
    );
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
    const e = await lockEvent(tx, actor, id);
    if (!e || e.version !== input.version)
      throw new AppError('CONFLICT', { zh: '评分表已被他人修改，请刷新后重试', en: 'The sheet was changed; reload' });
    if ((await countSheets(tx, id)) > 0)
      throw new AppError('CONFLICT', {
        zh: '已有评分，不能再修改评分表',
        en: 'Scores exist; the sheet can no longer change',
      });
    await setCriteria(tx, id, input.criteria, e.version + 1);
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
  if (!(await wasVisited(ctx.db, actor, id, input.projectId)))
    throw invalid({ zh: '项目：不在本次观摩的项目中', en: 'projectId: not visited in this event' });
  const criteria = e.criteria as Criterion[];
  const ps = checkScores(criteria, input.scores);
  if (ps.length) throw problems(ps, '评分', 'scores');
  const now = ctx.clock.now();
  const total = sheetTotal(criteria, input.scores);
  await ctx.db.transaction(async (tx) => {
    await upsertSheet(tx, {
      eventId: id,
      projectId: input.projectId,
      scorerName: input.scorerName,
      scores: input.scores,
      total,
      comment: input.comment ?? null,
      enteredBy: actor.userId,
      enteredAt: now,
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
