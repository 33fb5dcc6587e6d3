import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { invalid, notFound } from '../../errors.js';
import type { ProjectRow } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { emitEvent } from '../../events.js';
import { chinaDate } from '../../../domain/dates.js';
import { quarterOf } from '../../../domain/months.js';
import type { FindingView, ProjectFindings, VisitDetail, VisitPage } from '../../../shared/api/supervision.js';
import { writeHistory } from '../projects/index.js';
import { regionOfPath } from '../projects/index.js';
import { requireProject } from '../projects/index.js';
import {
  findFinding,
  findingsOfProjectId,
  findingsOfVisit,
  findVisit,
  insertFinding,
  insertVisit,
  listVisitRows,
  unitInScope,
  updateFindingRow,
} from './supervision.repository.js';
import { presentFinding, presentVisit } from './supervision.presenter.js';

const VISIT = { zh: '督办记录', en: 'Supervision visit' };
const FINDING = { zh: '督办发现', en: 'Finding' };

export async function listVisits(
  ctx: AppContext,
  actor: Actor,
  f: { quarter?: string | undefined; page: number; pageSize: number },
): Promise<VisitPage> {
  const { rows, total } = await listVisitRows(ctx.db, actor, f);
  return {
    data: rows.map((r) => ({ ...presentVisit(r.visit), findings: r.findings, openFindings: r.open })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

export async function getVisit(ctx: AppContext, actor: Actor, id: number): Promise<VisitDetail> {
  const v = await findVisit(ctx.db, actor, id);
  if (!v) throw notFound(VISIT);
  return { ...presentVisit(v), findings: (await findingsOfVisit(ctx.db, actor, id)).map(presentFinding) };
}

export async function findingsOfProject(ctx: AppContext, actor: Actor, project: ProjectRow): Promise<ProjectFindings> {
  return { data: (await findingsOfProjectId(ctx.db, actor, project.id)).map(presentFinding) };
}

/** The findings of a project the actor may see (404 otherwise). */
export async function projectFindings(ctx: AppContext, actor: Actor, projectId: number): Promise<ProjectFindings> {
  return findingsOfProject(ctx, actor, await requireProject(ctx, actor, projectId));
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
): Promise<VisitDetail> {
  const now = ctx.clock.now();
  if (input.visitedOn > chinaDate(now))
    throw invalid({ zh: `督办日期：不能晚于今天（${chinaDate(now)}）`, en: 'visitedOn: must not be in the future' });
  const region = await regionOfPath(ctx.db, actor.scope.path);
  const quarter = input.quarter ?? quarterOf(input.visitedOn.slice(0, 7));
  const id = await ctx.db.transaction(async (tx) => {
    const v = await insertVisit(tx, {
      unitId: region?.id ?? actor.scope.unitId,
      quarter,
      groupName: input.groupName,
      visitedOn: input.visitedOn,
      members: input.members ?? null,
      summary: input.summary ?? null,
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'supervision_visit', entityId: v.id, action: 'create', after: { ...input, quarter } },
      now,
    );
    return v.id;
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
): Promise<VisitDetail> {
  const visit = await getVisit(ctx, actor, visitId);
  const project = await requireProject(ctx, actor, input.projectId);
  if (input.responsibleUnitId && !(await unitInScope(ctx.db, actor, input.responsibleUnitId)))
    throw notFound({ zh: '责任单位', en: 'Responsible unit' });
  const now = ctx.clock.now();
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const finding = await insertFinding(tx, {
      visitId,
      projectId: project.id,
      description: input.description,
      responsibleUnitId: input.responsibleUnitId ?? null,
      createdBy: actor.userId,
      createdAt: now,
    });
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
): Promise<FindingView> {
  const row = await findFinding(ctx.db, actor, id);
  if (!row) throw notFound(FINDING);
  if (input.status === 'resolved' && !(input.resolution ?? row.f.resolution))
    throw invalid({ zh: '整改情况：标记整改完成时必填', en: 'resolution: required when resolving' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const after = await updateFindingRow(tx, id, {
      ...input,
      ...(input.status === 'resolved' ? { resolvedAt: now } : input.status === 'open' ? { resolvedAt: null } : {}),
    });
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'supervision_finding', entityId: id, action: 'update', before: row.f, after },
      now,
    );
  });
  const f = await findFinding(ctx.db, actor, id);
  if (!f) throw notFound(FINDING);
  return presentFinding(f);
}
