import { and, asc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { approvalItems, orgUnits, projects } from '../../db/schema/index.js';
import type { Actor } from '../../actor.js';
import { inSubtree } from '../../scope.js';
import { projectIdVisibleTo, projectVisibleTo } from '../projects/index.js';

/** A project's approval items, if the actor may see the project (else none). */
export async function itemsOfProject(db: Executor, actor: Actor, projectId: number) {
  return db
    .select({ item: approvalItems, departmentName: orgUnits.name, departmentPath: orgUnits.path })
    .from(approvalItems)
    .leftJoin(orgUnits, eq(orgUnits.id, approvalItems.departmentUnitId))
    .where(and(eq(approvalItems.projectId, projectId), projectIdVisibleTo(actor, projectId)))
    .orderBy(asc(approvalItems.seq));
}

/**
 * A department's worklist: items of visible projects; a user acting as a department (部门报到) sees
 * the items of their own department only.
 */
function worklistWhere(actor: Actor, extra: Array<SQL | undefined>): SQL | undefined {
  return and(
    projectVisibleTo(actor),
    actor.scope.kind === 'dept' ? inSubtree(orgUnits.path, actor.scope.path) : undefined,
    ...extra,
  );
}

export type WorklistStatus = 'open' | 'overdue' | 'not_submitted' | 'done';

function statusWhere(status: WorklistStatus | undefined): SQL | undefined {
  if (status === 'open' || status === 'overdue')
    return and(isNotNull(approvalItems.submittedOn), isNull(approvalItems.completedOn));
  if (status === 'not_submitted') return isNull(approvalItems.submittedOn);
  if (status === 'done') return isNotNull(approvalItems.completedOn);
  return undefined;
}

/** A page of the actor's worklist (open and overdue: submitted, not completed), oldest submission first. */
export async function listWorklist(
  db: Executor,
  actor: Actor,
  f: { status?: WorklistStatus | undefined; projectId?: number | undefined },
  page: { page: number; pageSize: number },
) {
  const where = worklistWhere(actor, [
    statusWhere(f.status),
    f.projectId ? eq(approvalItems.projectId, f.projectId) : undefined,
  ]);
  const base = () =>
    db
      .select({
        item: approvalItems,
        departmentName: orgUnits.name,
        departmentPath: orgUnits.path,
        projectName: projects.name,
        projectCode: projects.code,
      })
      .from(approvalItems)
      .innerJoin(projects, eq(projects.id, approvalItems.projectId))
      .leftJoin(orgUnits, eq(orgUnits.id, approvalItems.departmentUnitId));
  const [rows, [count]] = await Promise.all([
    base()
      .where(where)
      .orderBy(sql`${approvalItems.submittedOn} asc nulls last`, asc(approvalItems.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(approvalItems)
      .innerJoin(projects, eq(projects.id, approvalItems.projectId))
      .leftJoin(orgUnits, eq(orgUnits.id, approvalItems.departmentUnitId))
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The open items (submitted, not completed) of the actor's worklist, for the home page's count of overdue ones. */
export async function openWorkTimings(db: Executor, actor: Actor) {
  return db
    .select({
      targetDays: approvalItems.targetDays,
      submittedOn: approvalItems.submittedOn,
      completedOn: approvalItems.completedOn,
    })
    .from(approvalItems)
    .innerJoin(projects, eq(projects.id, approvalItems.projectId))
    .leftJoin(orgUnits, eq(orgUnits.id, approvalItems.departmentUnitId))
    .where(worklistWhere(actor, [statusWhere('open')]))
    .limit(5000);
}

/** Completed acceptances (验收) of visible projects in a period, for the duration report. */
export async function completedAcceptances(
  db: Executor,
  actor: Actor,
  f: { from: string; to: string; code?: string | undefined },
) {
  return db
    .select({
      id: approvalItems.id,
      code: approvalItems.code,
      name: approvalItems.name,
      nameEn: approvalItems.nameEn,
      targetDays: approvalItems.targetDays,
      submittedOn: approvalItems.submittedOn,
      completedOn: approvalItems.completedOn,
      departmentName: orgUnits.name,
      projectId: projects.id,
      projectName: projects.name,
      projectCode: projects.code,
    })
    .from(approvalItems)
    .innerJoin(projects, eq(projects.id, approvalItems.projectId))
    .leftJoin(orgUnits, eq(orgUnits.id, approvalItems.departmentUnitId))
    .where(
      and(
        eq(approvalItems.isAcceptance, true),
        isNotNull(approvalItems.submittedOn),
        sql`${approvalItems.completedOn} between ${f.from} and ${f.to}`,
        f.code ? eq(approvalItems.code, f.code) : undefined,
        projectVisibleTo(actor),
      ),
    )
    .orderBy(asc(approvalItems.completedOn), asc(approvalItems.id));
}
