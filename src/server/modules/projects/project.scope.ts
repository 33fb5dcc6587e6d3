import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { projects, type ProjectRow } from '../../db/schema/index.js';
import { queryRows } from '../../db/client.js';
import type { Actor } from '../../actor.js';

function likeOf(scopePath: string): string {
  if (!/^\/(\d+\/)*$/.test(scopePath)) throw new Error('invalid scope path');
  return `${scopePath}%`;
}

/**
 * The one rule for "which projects may this actor see", used by every module that lists or reads
 * projects (or rows hanging off a project). A project is visible when any node it is bound to lies in
 * the actor's subtree — township (属地乡镇), party branch, owner firm, lead unit (牵头单位), a contractor
 * or sub-contractor (承建单位), a department handling one of its approvals (部门报到) — or when the
 * actor is its 包联领导 or 项目专员. Everything else reads as not found (404).
 *
 * Written for 100,000 projects: the first test — the project's region lies in the subtree — is implied
 * by the township test (a township is inside its region) but costs a hash of the few region nodes, so
 * a region-wide actor never builds a hash of the whole tree. The contractor and department tests are
 * correlated (an index probe per project) and guarded by a once-per-query check that the subtree holds
 * a firm or a department at all, so a township or party actor never pays for them.
 */
export function projectVisibleTo(actor: Pick<Actor, 'userId' | 'scope'>, p: typeof projects = projects): SQL {
  return visibilityRule(visibilityValues(actor), p);
}

/** What the rule needs to know of the actor: the pattern of its subtree and its user id. */
export function visibilityValues(actor: Pick<Actor, 'userId' | 'scope'>): { like: string; userId: number } {
  return { like: likeOf(actor.scope.path), userId: actor.userId };
}

/**
 * The same rule with the actor's values as placeholders `like` and `userId` (fill them with
 * `visibilityValues`), for a prepared statement planned once for every actor.
 */
export function projectVisibleToPlaceholders(p: typeof projects = projects): SQL {
  return visibilityRule({ like: sql.placeholder('like'), userId: sql.placeholder('userId') }, p);
}

type Value<T> = T | ReturnType<typeof sql.placeholder>;

function visibilityRule(v: { like: Value<string>; userId: Value<number> }, p: typeof projects): SQL {
  const { like, userId } = v;
  const subtree = sql`(select o.id from org_units o where o.path like ${like})`;
  return sql`(${p.regionUnitId} in (select r.id from org_units r where r.kind = 'region' and r.path like ${like})
    or ${p.townshipUnitId} in ${subtree}
    or ${p.partyBranchUnitId} in ${subtree}
    or ${p.ownerFirmUnitId} in ${subtree}
    or ${p.leadUnitId} in ${subtree}
    or ${p.leaderUserId} = ${userId}
    or ${p.commissionerUserId} = ${userId}
    or (exists (select 1 from org_units f where f.kind = 'firm' and f.path like ${like})
        and exists (select 1 from project_contractors pc join org_units o on o.id = pc.firm_unit_id where pc.project_id = ${p.id} and o.path like ${like}))
    or (exists (select 1 from org_units d where d.kind = 'department' and d.path like ${like})
        and exists (select 1 from approval_items ai join org_units o on o.id = ai.department_unit_id where ai.project_id = ${p.id} and o.path like ${like})))`;
}

/**
 * The same rule as `projectVisibleTo`, in the form that is cheap for a list, a count or the facets.
 * For an actor whose subtree is a small part of the region (a township, a party organisation, a firm) the
 * visible projects are found through the indexes of each binding and unioned — a few hundred rows at
 * 100,000 projects — instead of testing the rule on every project of every region. A region (or its
 * root) or a department sees most of the region (departments through their approval items), so there
 * the per-row form stays: its first test passes on the first rows read in list order, and a page stops
 * early. Both forms select exactly the same projects (test/projects-list-scale.test.ts compares them).
 */
export function projectVisibleInList(actor: Pick<Actor, 'userId' | 'scope'>, p: typeof projects = projects): SQL {
  if (isWideScope(actor)) return projectVisibleTo(actor, p);
  // an array (computed once, an init plan) rather than IN (…): the page is then a primary-key lookup of the few
  // visible ids, not a walk down the rank index probing each row against the set
  return sql`${p.id} = any(array(${visibleProjectIds(actor)}))`;
}

/** Regions and departments see most of a region; everything below a region sees a small part of it. */
export function isWideScope(actor: Pick<Actor, 'scope'>): boolean {
  return actor.scope.unitKind === 'region' || actor.scope.unitKind === 'department';
}

/**
 * The ids of the projects `projectVisibleTo` admits, one indexed lookup per binding (duplicates possible).
 * Each unit of the subtree probes the binding's index (`offset 0` keeps the planner from turning the probes
 * into a hash join over every project: it cannot know that only a few units of a township's subtree are ever
 * bound, and a lead unit or township column has so few distinct values that it expects thousands per unit).
 */
export function visibleProjectIds(actor: Pick<Actor, 'userId' | 'scope'>): SQL {
  const like = likeOf(actor.scope.path);
  const bound = (column: string, kind?: string) =>
    sql`select x.id from org_units o cross join lateral (select v.id from projects v where ${sql.raw(`v.${column}`)} = o.id offset 0) x
      where o.path like ${like}${kind ? sql` and o.kind = ${kind}` : sql``}`;
  return sql`${bound('region_unit_id', 'region')}
    union all ${bound('township_unit_id')}
    union all ${bound('party_branch_unit_id')}
    union all ${bound('owner_firm_unit_id')}
    union all ${bound('lead_unit_id')}
    union all select v.id from projects v where v.leader_user_id = ${actor.userId}
    union all select v.id from projects v where v.commissioner_user_id = ${actor.userId}
    union all select pc.project_id from project_contractors pc join org_units o on o.id = pc.firm_unit_id
      where o.path like ${like} and exists (select 1 from org_units f where f.kind = 'firm' and f.path like ${like})
    union all select ai.project_id from approval_items ai join org_units o on o.id = ai.department_unit_id
      where o.path like ${like} and exists (select 1 from org_units d where d.kind = 'department' and d.path like ${like})`;
}

/**
 * "The actor may see project `id`": the condition of every query of rows hanging off one project
 * (its nodes, history, warning months, approval items), so such a lookup by project id is safe on its
 * own and does not rely on the caller having checked the project first. One primary-key probe.
 */
export function projectIdVisibleTo(actor: Pick<Actor, 'userId' | 'scope'>, id: number): SQL {
  return sql`exists (select 1 from ${projects} where ${projects.id} = ${id} and ${projectVisibleTo(actor)})`;
}

export async function findProjectInScope(
  db: Executor,
  actor: Pick<Actor, 'userId' | 'scope'>,
  id: number,
): Promise<ProjectRow | undefined> {
  const [row] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), projectVisibleTo(actor)));
  return row;
}

/**
 * The region (开发区/新区/县) an actor belongs to: the nearest ancestor-or-self of their scope node
 * whose kind is region. The 公示 board and the warning rules are per region.
 */
export async function regionOfPath(
  db: Executor,
  scopePath: string,
): Promise<{ id: number; path: string; name: string } | undefined> {
  const rows = await queryRows<{ id: number; path: string; name: string }>(
    db,
    sql`select id, path, name from org_units where kind = 'region' and ${scopePath} like path || '%' order by depth desc limit 1`,
  );
  return rows[0];
}
