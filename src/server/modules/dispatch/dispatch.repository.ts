import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { dispatchReports, projects } from '../../db/schema/index.js';
import { projectVisibleTo } from '../projects/index.js';

/**
 * The queries of dispatch_reports. A report is visible, readable and writable only when the actor may
 * see its project (the scope is applied here, not remembered by the caller).
 */
export type ReportRow = typeof dispatchReports.$inferSelect;

const reportVisibleTo = (actor: Actor): SQL =>
  sql`exists (select 1 from ${projects} where ${projects.id} = ${dispatchReports.projectId} and ${projectVisibleTo(actor)})`;

/** The month's reports of these projects, those the actor may see. */
export async function reportsOf(db: Executor, actor: Actor, projectIds: number[], month: string): Promise<ReportRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .select()
    .from(dispatchReports)
    .where(
      and(inArray(dispatchReports.projectId, projectIds), eq(dispatchReports.month, month), reportVisibleTo(actor)),
    );
}

export async function findReport(
  db: Executor,
  actor: Actor,
  projectId: number,
  month: string,
): Promise<ReportRow | undefined> {
  const [rep] = await reportsOf(db, actor, [projectId], month);
  return rep;
}

/** The report row locked for confirming (inside the confirming transaction). */
export async function lockReport(
  tx: Executor,
  actor: Actor,
  projectId: number,
  month: string,
): Promise<ReportRow | undefined> {
  const [current] = await tx
    .select()
    .from(dispatchReports)
    .where(and(eq(dispatchReports.projectId, projectId), eq(dispatchReports.month, month), reportVisibleTo(actor)))
    .for('update');
  return current;
}

/** Writes the confirmed report: a new row, or the next version of the current one. */
export async function saveReport(
  tx: Executor,
  current: ReportRow | undefined,
  projectId: number,
  month: string,
  values: Pick<ReportRow, 'snapshot' | 'remarks' | 'confirmedBy' | 'confirmedByName' | 'confirmedAt'>,
): Promise<void> {
  if (current)
    await tx
      .update(dispatchReports)
      .set({ ...values, version: current.version + 1 })
      .where(eq(dispatchReports.id, current.id));
  else await tx.insert(dispatchReports).values({ projectId, month, ...values });
}
