import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { orgUnits, projects, supervisionFindings, supervisionVisits } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { projectVisibleTo } from '../projects/index.js';

/**
 * The queries of the supervision tables, each scoped by the actor: a visit is visible when its
 * organising unit lies in the actor's subtree, a finding when the actor may see its project.
 */
export type VisitRow = typeof supervisionVisits.$inferSelect;
export type FindingRow = typeof supervisionFindings.$inferSelect;
export interface FindingWithNames {
  f: FindingRow;
  projectName: string;
  unitName: string | null;
}

const visitScope = (actor: Actor) =>
  sql`${supervisionVisits.unitId} in (select o.id from org_units o where ${inSubtree(sql`o.path`, actor.scope.path)})`;

export async function listVisitRows(
  db: Executor,
  actor: Actor,
  f: { quarter?: string | undefined; page: number; pageSize: number },
) {
  const where = and(visitScope(actor), f.quarter ? eq(supervisionVisits.quarter, f.quarter) : undefined);
  const [rows, [count]] = await Promise.all([
    db
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
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(supervisionVisits)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findVisit(db: Executor, actor: Actor, id: number): Promise<VisitRow | undefined> {
  const [v] = await db
    .select()
    .from(supervisionVisits)
    .where(and(eq(supervisionVisits.id, id), visitScope(actor)));
  return v;
}

async function findingsWhere(db: Executor, actor: Actor, where: SQL): Promise<FindingWithNames[]> {
  return db
    .select({ f: supervisionFindings, projectName: projects.name, unitName: orgUnits.name })
    .from(supervisionFindings)
    .innerJoin(projects, eq(projects.id, supervisionFindings.projectId))
    .leftJoin(orgUnits, eq(orgUnits.id, supervisionFindings.responsibleUnitId))
    .where(and(where, projectVisibleTo(actor)))
    .orderBy(asc(supervisionFindings.id));
}

/** The findings of a visible visit about projects the actor may see. */
export async function findingsOfVisit(db: Executor, actor: Actor, visitId: number) {
  return findingsWhere(
    db,
    actor,
    and(
      eq(supervisionFindings.visitId, visitId),
      sql`exists (select 1 from ${supervisionVisits} where ${supervisionVisits.id} = ${visitId} and ${visitScope(actor)})`,
    ) as SQL,
  );
}

/** The findings about a project, when the actor may see it. */
export async function findingsOfProjectId(db: Executor, actor: Actor, projectId: number) {
  return findingsWhere(db, actor, eq(supervisionFindings.projectId, projectId));
}

/** One finding about a project the actor may see. */
export async function findFinding(db: Executor, actor: Actor, id: number): Promise<FindingWithNames | undefined> {
  const [row] = await findingsWhere(db, actor, eq(supervisionFindings.id, id));
  return row;
}

/** Whether the org unit lies in the actor's subtree (a finding's responsible unit). */
export async function unitInScope(db: Executor, actor: Actor, unitId: number): Promise<boolean> {
  const [u] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), inSubtree(orgUnits.path, actor.scope.path)));
  return Boolean(u);
}

export async function insertVisit(db: Executor, values: typeof supervisionVisits.$inferInsert): Promise<VisitRow> {
  const [v] = await db.insert(supervisionVisits).values(values).returning();
  if (!v) throw new Error('insert failed');
  return v;
}

export async function insertFinding(
  db: Executor,
  values: typeof supervisionFindings.$inferInsert,
): Promise<FindingRow> {
  const [f] = await db.insert(supervisionFindings).values(values).returning();
  if (!f) throw new Error('insert failed');
  return f;
}

export async function updateFindingRow(
  db: Executor,
  id: number,
  set: Partial<typeof supervisionFindings.$inferInsert>,
): Promise<FindingRow | undefined> {
  const [after] = await db.update(supervisionFindings).set(set).where(eq(supervisionFindings.id, id)).returning();
  return after;
}
