import { and, asc, eq, inArray } from 'drizzle-orm';
import { allOn, type Executor } from '../../db/client.js';
import type { Actor } from '../../actor.js';
import { projectIdVisibleTo } from '../projects/index.js';
import { projectNodes, projects, projectWarningMonths, warningRules } from '../../db/schema/index.js';
import { warningRulesSchema } from '../../../shared/api/warnings.js';
import { DEFAULT_WARNING_RULES, type WarningRules } from '../../../domain/warnings.js';

export interface StoredRules {
  rules: WarningRules;
  /** 0 while the region uses the defaults. */
  version: number;
  updatedAt: Date | null;
}

/** A region's rules, or the defaults while it has saved none. */
export async function rulesForRegions(db: Executor, regionIds: number[]): Promise<Map<number, StoredRules>> {
  const out = new Map<number, StoredRules>();
  for (const id of regionIds) out.set(id, { rules: DEFAULT_WARNING_RULES, version: 0, updatedAt: null });
  if (regionIds.length === 0) return out;
  const rows = await db.select().from(warningRules).where(inArray(warningRules.regionUnitId, regionIds));
  for (const r of rows) {
    const parsed = warningRulesSchema.safeParse({ ...DEFAULT_WARNING_RULES, ...(r.rules as object) });
    out.set(r.regionUnitId, {
      rules: parsed.success ? parsed.data : DEFAULT_WARNING_RULES,
      version: r.version,
      updatedAt: r.updatedAt,
    });
  }
  return out;
}

export async function saveRules(
  db: Executor,
  regionId: number,
  rules: WarningRules,
  version: number,
  at: Date,
  by: number | null,
): Promise<void> {
  await db
    .insert(warningRules)
    .values({ regionUnitId: regionId, rules, version, updatedAt: at, updatedBy: by })
    .onConflictDoUpdate({ target: warningRules.regionUnitId, set: { rules, version, updatedAt: at, updatedBy: by } });
}

/** What the warning of each project is computed from. */
export async function loadWarningInputs(db: Executor, ids: number[]) {
  if (ids.length === 0) return { rows: [], nodes: [] };
  const [rows, nodes] = await allOn(db, [
    () =>
      db
        .select({
          id: projects.id,
          name: projects.name,
          regionUnitId: projects.regionUnitId,
          stage: projects.stage,
          plannedStart: projects.plannedStart,
          plannedEnd: projects.plannedEnd,
          startedOn: projects.startedOn,
          progress: projects.progress,
          warningColour: projects.warningColour,
          warningReasons: projects.warningReasons,
          plannedProgress: projects.plannedProgress,
          leaderUserId: projects.leaderUserId,
          commissionerUserId: projects.commissionerUserId,
        })
        .from(projects)
        .where(inArray(projects.id, ids)),
    () =>
      db
        .select({
          projectId: projectNodes.projectId,
          seq: projectNodes.seq,
          stage: projectNodes.stage,
          name: projectNodes.name,
          nameEn: projectNodes.nameEn,
          plannedDate: projectNodes.plannedDate,
          expectedDate: projectNodes.expectedDate,
          actualDate: projectNodes.actualDate,
          plannedPercent: projectNodes.plannedPercent,
          responsibleUserId: projectNodes.responsibleUserId,
        })
        .from(projectNodes)
        .where(inArray(projectNodes.projectId, ids))
        .orderBy(asc(projectNodes.projectId), asc(projectNodes.seq)),
  ]);
  return { rows, nodes };
}

/** A project's warning months, if the actor may see the project (else none). */
export async function warningMonthsOf(db: Executor, actor: Actor, projectId: number) {
  return db
    .select()
    .from(projectWarningMonths)
    .where(and(eq(projectWarningMonths.projectId, projectId), projectIdVisibleTo(actor, projectId)))
    .orderBy(asc(projectWarningMonths.month));
}
