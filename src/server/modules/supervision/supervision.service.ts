import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { invalid, notFound } from '../../errors.js';
import { orgUnits, projects, supervisionFindings, supervisionVisits, type ProjectRow } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { emitEvent } from '../../events.js';
import { chinaDate } from '../../../domain/dates.js';
import { quarterOf } from '../../../domain/months.js';
import { writeHistory } from '../projects/index.js';
import { projectVisibleTo, regionOfPath } from '../projects/index.js';
import { requireProject } from '../projects/index.js';

const VISIT = { zh: '督办记录', en: 'Supervision visit' };
const FINDING = { zh: '督办发现', en: 'Finding' };

/** Visits are org-tree rows: visible when the organising unit lies in the actor's subtree. */
const visitScope = (actor: Actor) =>
  sql`${supervisionVisits.unitId} in (select o.id from org_units o where ${inSubtree(sql`o.path`, actor.scope.path)})`;

export async function listVisits(
  ctx: AppContext,
  actor: Actor,
  f: { quarter?: string | undefined; page: number; pageSize: number },
) {
  const where = and(visitScope(actor), f.quarter ? eq(supervisionVisits.quarter, f.quarter) : undefined);
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select({
        visit: supervisionVisits,
        findings: sql<number>`(select count(*)::int from supervision_findings f where f.visit_id = supervision_visits.id)`,
        open: sql<number>`(select count(*)::int from supervision_findings f where f.visit_id = supervision_visits.id and f.status = 'open')`,
      })
      .from(supervisionVisits)
      .where(where)
      .orderBy(desc(supervisionVisits.visitedOn), desc(supervisionVisits.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(supervisionVisits)
      .where(where),
  ]);
  return {
    data: rows.map((r) => ({ ...presentVisit(r.visit), findings: r.findings, openFindings: r.open })),
    total: count?.n ?? 0,
    page: f.page,
    pageSize: f.pageSize,
  };
}

function presentVisit(v: typeof supervisionVisits.$inferSelect) {
  return {
    id: v.id,
    quarter: v.quarter,
    groupName: v.groupName,
    visitedOn: v.visitedOn,
    members: v.members,
    summary: v.summary,
    createdAt: v.createdAt.toISOString(),
  };
}

function presentFinding(f: typeof supervisionFindings.$inferSelect, projectName: string, unitName: string | null) {
  return {
    id: f.id,
    visitId: f.visitId,
    project: { id: f.projectId, name: projectName },
    description: f.description,
    responsibleUnit: f.responsibleUnitId ? { id: f.responsibleUnitId, name: unitName ?? '' } : null,
    status: f.status,
    resolution: f.resolution,
    resolvedAt: f.resolvedAt?.toISOString() ?? null,
    problemId: f.problemId,
    createdAt: f.createdAt.toISOString(),
  };
}

async function findingsWhere(ctx: AppContext, actor: Actor, where: ReturnType<typeof and>) {
  const rows = await ctx.db
    .select({ f: supervisionFindings, projectName: projects.name, unitName: orgUnits.name })
    .from(supervisionFindings)
    .innerJoin(projects, eq(projects.id, supervisionFindings.projectId))
    .leftJoin(orgUnits, eq(orgUnits.id, supervisionFindings.responsibleUnitId))
    .where(and(where, projectVisibleTo(actor)))
    .orderBy(asc(supervisionFindings.id));
  return rows.map((r) => presentFinding(r.f, r.projectName, r.unitName));
}

export async function getVisit(ctx: AppContext, actor: Actor, id: number) {
  const [v] = await ctx.db
    .select()
    .from(supervisionVisits)
    .where(and(eq(supervisionVisits.id, id), visitScope(actor)));
  if (!v) throw notFound(VISIT);
  return { ...presentVisit(v), findings: await findingsWhere(ctx, actor, eq(supervisionFindings.visitId, id)) };
}

export async function findingsOfProject(ctx: AppContext, actor: Actor, project: ProjectRow) {
  return { data: await findingsWhere(ctx, actor, eq(supervisionFindings.projectId, project.id)) };
}

/** 季督办: a visit of the supervision group, organised by the actor's region. */
export async function createVisit(
  ctx: AppContext,
  actor: Actor,
  input: {
    groupName: string;
    visitedOn: string;
    quarter?: string | undefined;
    members?: string | null | undefined;
    summary?: string | null | undefined;
  },
) {
  const now = ctx.clock.now();
  if (input.visitedOn > chinaDate(now))
    throw invalid({ zh: `督办日期：不能晚于今天（${chinaDate(now)}）`, en: 'visitedOn: must not be in the future' });
  const region = await regionOfPath(ctx.db, actor.scope.path);
  const quarter = input.quarter ?? quarterOf(input.visitedOn.slice(0, 7));
  const id = await ctx.db.transaction(async (tx) => {
    const [v] = await tx
      .insert(supervisionVisits)
      .values({
        unitId: region?.id ?? actor.scope.unitId,
        quarter,
        groupName: input.groupName,
        visitedOn: input.visitedOn,
        members: input.members ?? null,
        summary: input.summary ?? null,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'supervision_visit', entityId: v?.id ?? null, action: 'create', after: { ...input, quarter } },
      now,
    );
    return v?.id as number;
  });
  return getVisit(ctx, actor, id);
}

/**
 * A finding about a visible project. Raises 'supervision.findingRaised' in the same transaction: the
 * problem ledger (when present) turns it into a problem and writes back problem_id.
 */
export async function addFinding(
  ctx: AppContext,
  actor: Actor,
  visitId: number,
  input: { projectId: number; description: string; responsibleUnitId?: number | null | undefined },
) {
  const visit = await getVisit(ctx, actor, visitId);
  const project = await requireProject(ctx, actor, input.projectId);
  if (input.responsibleUnitId) {
    const [u] = await ctx.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, input.responsibleUnitId), inSubtree(orgUnits.path, actor.scope.path)));
    if (!u) throw notFound({ zh: '责任单位', en: 'Responsible unit' });
  }
  const now = ctx.clock.now();
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const [finding] = await tx
      .insert(supervisionFindings)
      .values({
        visitId,
        projectId: project.id,
        description: input.description,
        responsibleUnitId: input.responsibleUnitId ?? null,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    if (!finding) throw new Error('insert failed');
    await writeHistory(tx, who, now, [
      {
        projectId: project.id,
        kind: 'updated',
        text: {
          zh: `${visit.quarter} 季督办（${visit.groupName}）发现问题：${input.description}`,
          en: `Supervision ${visit.quarter}: ${input.description}`,
        },
      },
    ]);
    await emitEvent(tx, ctx, who, 'supervision.findingRaised', {
      finding,
      project,
      visit: { id: visit.id, quarter: visit.quarter, groupName: visit.groupName, visitedOn: visit.visitedOn },
    });
    await recordAudit(
      tx,
      who,
      { entity: 'supervision_finding', entityId: finding.id, action: 'create', after: { visitId, ...input } },
      now,
    );
  });
  return getVisit(ctx, actor, visitId);
}

/** Marks a finding rectified (整改完成) or links it to a problem of the ledger. */
export async function updateFinding(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: {
    status?: 'open' | 'resolved' | undefined;
    resolution?: string | null | undefined;
    problemId?: number | null | undefined;
  },
) {
  const [row] = await ctx.db
    .select({ f: supervisionFindings })
    .from(supervisionFindings)
    .innerJoin(projects, eq(projects.id, supervisionFindings.projectId))
    .where(and(eq(supervisionFindings.id, id), projectVisibleTo(actor)));
  if (!row) throw notFound(FINDING);
  if (input.status === 'resolved' && !(input.resolution ?? row.f.resolution))
    throw invalid({ zh: '整改情况：标记整改完成时必填', en: 'resolution: required when resolving' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(supervisionFindings)
      .set({
        ...input,
        ...(input.status === 'resolved' ? { resolvedAt: now } : input.status === 'open' ? { resolvedAt: null } : {}),
      })
      .where(eq(supervisionFindings.id, id))
      .returning();
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'supervision_finding', entityId: id, action: 'update', before: row.f, after },
      now,
    );
  });
  const [f] = await ctx.db
    .select({ f: supervisionFindings, projectName: projects.name, unitName: orgUnits.name })
    .from(supervisionFindings)
    .innerJoin(projects, eq(projects.id, supervisionFindings.projectId))
    .leftJoin(orgUnits, eq(orgUnits.id, supervisionFindings.responsibleUnitId))
    .where(inArray(supervisionFindings.id, [id]));
  return presentFinding(f!.f, f!.projectName, f!.unitName);
}
