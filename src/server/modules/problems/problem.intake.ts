import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor, type AuditActor } from '../../actor.js';
import type { Tx } from '../../db/client.js';
import { orgUnits, problemPhotos, problems, projects } from '../../db/schema/index.js';
import { invalid, notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { buildCalendar } from '../../../domain/calendar.js';
import { chinaDate } from '../../../domain/dates.js';
import type { ProblemSource } from '../../../domain/problem-events.js';
import { findUnitInScope } from '../orgs/index.js';
import { findProjectInScope } from '../projects/index.js';
import { appendEvents, writeProjection, type EventActor } from './problem.store.js';
import { notifyEvents } from './problem.notify.js';

/** A history holding only "raised" needs no calendar. */
const NO_CALENDAR = buildCalendar([], []);

export interface NewProblem {
  source: ProblemSource;
  category: string;
  title: string;
  description: string;
  firmUnitId: number | null;
  projectId: number | null;
  scopePath: string;
  createdBy: number | null;
  clientRequestId: string | null;
  meetingId: number | null;
  sourceRef: string | null;
  photoIds: number[];
}

/** A short title from the description when the raiser gave none (one field fewer on a phone). */
export function titleFrom(description: string): string {
  const line = description.trim().split(/\r?\n/)[0] ?? '';
  return line.length > 30 ? `${line.slice(0, 30)}…` : line;
}

/**
 * Inserts a problem and its "raised" event inside the caller's transaction — used by intake, by
 * joint-meeting decisions and by the supervision subscriber — and tells the committee.
 */
export async function insertProblem(
  tx: Tx,
  who: EventActor,
  audit: AuditActor,
  p: NewProblem,
  now: Date,
): Promise<{ id: number; created: boolean }> {
  if (p.createdBy === null && p.clientRequestId !== null) {
    // Raised by the system (a supervision finding): the unique index cannot see NULL creators, so look first.
    const [seen] = await tx
      .select({ id: problems.id })
      .from(problems)
      .where(and(isNull(problems.createdBy), eq(problems.clientRequestId, p.clientRequestId)));
    if (seen) return { id: seen.id, created: false };
  }
  const [row] = await tx
    .insert(problems)
    .values({
      clientRequestId: p.clientRequestId,
      createdBy: p.createdBy,
      source: p.source,
      category: p.category,
      title: p.title,
      description: p.description,
      firmUnitId: p.firmUnitId,
      projectId: p.projectId,
      scopePath: p.scopePath,
      meetingId: p.meetingId,
      sourceRef: p.sourceRef,
      raisedAt: now,
      raisedOn: chinaDate(now),
      status: 'submitted',
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    // The same client request id again (a retried submission): the first problem is the answer.
    const [dup] = await tx
      .select({ id: problems.id })
      .from(problems)
      .where(and(eq(problems.createdBy, p.createdBy ?? -1), eq(problems.clientRequestId, p.clientRequestId ?? '')));
    if (!dup) throw new Error('idempotent insert found no row');
    return { id: dup.id, created: false };
  }
  const events = await appendEvents(tx, row.id, 0, [
    { data: { type: 'raised', source: p.source, raiserUserId: p.createdBy }, actor: who, at: now },
  ]);
  const state = await writeProjection(tx, row.id, events, NO_CALENDAR);
  if (p.photoIds.length) {
    const attached = await tx
      .update(problemPhotos)
      .set({ problemId: row.id })
      .where(
        and(
          inArray(problemPhotos.id, p.photoIds),
          eq(problemPhotos.uploadedBy, p.createdBy ?? -1),
          isNull(problemPhotos.problemId),
        ),
      )
      .returning({ id: problemPhotos.id });
    if (attached.length !== new Set(p.photoIds).size) throw notFound({ zh: '照片', en: 'Photo' });
  }
  await notifyEvents(tx, row, state, events, now);
  await recordAudit(
    tx,
    audit,
    {
      entity: 'problem',
      entityId: row.id,
      action: 'create',
      after: {
        source: p.source,
        category: p.category,
        title: p.title,
        firmUnitId: p.firmUnitId,
        projectId: p.projectId,
        photos: p.photoIds.length,
      },
    },
    now,
  );
  return { id: row.id, created: true };
}

export interface RaiseInput {
  clientRequestId?: string | undefined;
  category: string;
  title?: string | undefined;
  description: string;
  firmUnitId?: number | undefined;
  projectId?: number | undefined;
  photoIds?: number[] | undefined;
}

/** Where a new problem lives in the tree, and whose it is: checked against the actor's scope. */
async function placeProblem(
  ctx: AppContext,
  actor: Actor,
  input: RaiseInput,
): Promise<{ firmUnitId: number | null; projectId: number | null; scopePath: string }> {
  const project = input.projectId ? await findProjectInScope(ctx.db, actor, input.projectId) : undefined;
  if (input.projectId && !project) throw notFound({ zh: '项目', en: 'Project' });
  let firmId = input.firmUnitId ?? project?.ownerFirmUnitId ?? null;
  if (actor.scope.kind === 'firm') {
    if (input.firmUnitId && input.firmUnitId !== actor.scope.unitId) throw notFound({ zh: '企业', en: 'Firm' });
    firmId = actor.scope.unitId;
  }
  if (firmId !== null) {
    const firm = await findUnitInScope(ctx.db, actor.scope.kind === 'firm' ? actor.scope.path : '/', firmId);
    if (!firm || firm.kind !== 'firm') throw notFound({ zh: '企业', en: 'Firm' });
    // A firm outside the actor's subtree is still allowed when it owns a project visible to the actor.
    if (actor.scope.kind === 'org' && !firm.path.startsWith(actor.scope.path) && project?.ownerFirmUnitId !== firm.id)
      throw notFound({ zh: '企业', en: 'Firm' });
    return { firmUnitId: firm.id, projectId: project?.id ?? null, scopePath: firm.path };
  }
  if (!project)
    throw invalid({ zh: '企业/项目：请选择问题所属的企业或项目', en: 'firm/project: choose the firm or project' });
  const [town] = await ctx.db
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.id, project.townshipUnitId));
  return { firmUnitId: null, projectId: project.id, scopePath: town?.path ?? '/' };
}

/** 吹哨: a firm raises a problem (or a commissioner / the committee on its behalf). Idempotent by client request id. */
export async function raiseProblem(
  ctx: AppContext,
  actor: Actor,
  input: RaiseInput,
): Promise<{ id: number; created: boolean }> {
  const place = await placeProblem(ctx, actor, input);
  const now = ctx.clock.now();
  const source: ProblemSource = actor.scope.kind === 'firm' ? 'firm' : 'commissioner';
  return ctx.db.transaction((tx) =>
    insertProblem(
      tx,
      { userId: actor.userId, name: actor.displayName, unitId: actor.scope.unitId },
      auditActorOf(actor),
      {
        source,
        category: input.category,
        title: input.title?.trim() || titleFrom(input.description),
        description: input.description.trim(),
        ...place,
        createdBy: actor.userId,
        clientRequestId: input.clientRequestId ?? null,
        meetingId: null,
        sourceRef: null,
        photoIds: input.photoIds ?? [],
      },
      now,
    ),
  );
}

export async function projectTownPath(
  tx: Tx,
  projectId: number,
): Promise<{ path: string; ownerFirmUnitId: number | null; firmPath: string | null } | undefined> {
  const [p] = await tx
    .select({ township: projects.townshipUnitId, owner: projects.ownerFirmUnitId })
    .from(projects)
    .where(eq(projects.id, projectId));
  if (!p) return undefined;
  const [town] = await tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, p.township));
  const [firm] = p.owner ? await tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, p.owner)) : [];
  return { path: town?.path ?? '/', ownerFirmUnitId: p.owner, firmPath: firm?.path ?? null };
}
