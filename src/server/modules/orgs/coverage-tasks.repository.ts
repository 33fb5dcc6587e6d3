import { and, asc, eq, sql } from 'drizzle-orm';
import { conflict } from '../../errors.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../actor.js';
import { coverageProposals, orgSetupTasks, orgUnits, projects } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';

/* Queries over 三同步 tasks and stored proposals, each scoped by the actor's subtree. */

/** A stored proposal whose township lies in the actor's subtree. */
export async function findProposal(db: Executor, actor: Actor, id: number) {
  const [row] = await db
    .select()
    .from(coverageProposals)
    .where(and(eq(coverageProposals.id, id), inSubtree(coverageProposals.areaPath, actor.scope.path)));
  return row;
}

/** 三同步 tasks whose project's township lies in the actor's subtree: open first, then by due date. */
export async function listSetupTaskRows(
  db: Executor,
  actor: Actor,
  q: { status?: string | undefined; page: number; pageSize: number },
) {
  const where = and(
    inSubtree(orgUnits.path, actor.scope.path),
    q.status ? eq(orgSetupTasks.status, q.status) : undefined,
  );
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgSetupTasks)
    .innerJoin(projects, eq(projects.id, orgSetupTasks.projectId))
    .innerJoin(orgUnits, eq(orgUnits.id, projects.townshipUnitId))
    .where(where);
  const rows = await db
    .select({
      id: orgSetupTasks.id,
      projectId: projects.id,
      projectName: projects.name,
      projectCode: projects.code,
      township: orgUnits.name,
      dueOn: orgSetupTasks.dueOn,
      provisionalYear: orgSetupTasks.provisionalYear,
      status: orgSetupTasks.status,
      managerName: orgSetupTasks.managerName,
      orgUnitId: orgSetupTasks.orgUnitId,
      doneOn: orgSetupTasks.doneOn,
      secretaryPersonId: orgSetupTasks.secretaryPersonId,
    })
    .from(orgSetupTasks)
    .innerJoin(projects, eq(projects.id, orgSetupTasks.projectId))
    .innerJoin(orgUnits, eq(orgUnits.id, projects.townshipUnitId))
    .where(where)
    .orderBy(
      sql`case ${orgSetupTasks.status} when 'open' then 0 else 1 end`,
      asc(orgSetupTasks.dueOn),
      asc(orgSetupTasks.id),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { rows, total: count?.n ?? 0 };
}

/** Open 三同步 tasks in the actor's subtree and how many are overdue on `today`. */
export async function countOpenSetupTasks(db: Executor, actor: Actor, today: string) {
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${orgSetupTasks.dueOn} < ${today})::int`,
    })
    .from(orgSetupTasks)
    .innerJoin(projects, eq(projects.id, orgSetupTasks.projectId))
    .innerJoin(orgUnits, eq(orgUnits.id, projects.townshipUnitId))
    .where(and(eq(orgSetupTasks.status, 'open'), inSubtree(orgUnits.path, actor.scope.path)));
  return row;
}

/** Decides an open proposal once: the version must be the one read, else someone decided it meanwhile (409). */
export async function claimProposal(
  tx: Executor,
  id: number,
  version: number,
  decision: { status: 'accepted' | 'rejected'; decidedBy: number; decidedAt: Date; decisionNote?: string },
): Promise<void> {
  const [taken] = await tx
    .update(coverageProposals)
    .set({ ...decision, version: sql`${coverageProposals.version} + 1` })
    .where(
      and(eq(coverageProposals.id, id), eq(coverageProposals.status, 'open'), eq(coverageProposals.version, version)),
    )
    .returning({ id: coverageProposals.id });
  if (!taken)
    throw conflict({ zh: '该建议已被他人处理，请刷新', en: 'Someone decided this proposal meanwhile; reload' });
}
