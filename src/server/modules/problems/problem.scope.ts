import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits, problems } from '../../db/schema/index.js';
import type { Actor } from '../../actor.js';
import { inSubtree } from '../../scope.js';
import { projectVisibleTo } from '../projects/index.js';

/**
 * The one rule for "which problems may this actor see": a firm sees only its own problems; a
 * department only those dispatched to it (including ones it returned: its own record); everyone
 * else the problems of firms in their subtree and of the projects visible to them
 * (projectVisibleTo). Anything else reads as not found (404).
 */
export function problemVisibleTo(actor: Pick<Actor, 'userId' | 'scope'>, unitIds?: readonly number[]): SQL {
  const path = actor.scope.path;
  if (!/^\/(\d+\/)*$/.test(path)) throw new Error('invalid scope path');
  const subtreeIds = unitIds ? idList(unitIds) : sql`(select o.id from org_units o where o.path like ${`${path}%`})`;
  switch (actor.scope.kind) {
    case 'firm':
      return sql`${problems.firmUnitId} in ${subtreeIds}`;
    case 'dept':
      return sql`${problems.id} in (select pa.problem_id from problem_assignments pa where pa.dept_unit_id in ${subtreeIds})`;
    case 'org':
      return sql`(${inSubtree(problems.scopePath, path)} or ${problems.projectId} in (select projects.id from projects where ${projectVisibleTo(actor)}))`;
  }
}

/** An id list the planner can estimate (a sub-select over paths it cannot, and then joins too early). */
export function idList(ids: readonly number[]): SQL {
  if (ids.length === 0) return sql`(null)`;
  return sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** The firm's or department's own unit ids (its subtree), resolved once for the list and statistics queries. */
export async function scopeUnitIds(db: Executor, actor: Pick<Actor, 'scope'>): Promise<number[] | undefined> {
  if (actor.scope.kind === 'org') return undefined;
  const rows = await db.select({ id: orgUnits.id }).from(orgUnits).where(inSubtree(orgUnits.path, actor.scope.path));
  return rows.map((r) => r.id);
}
