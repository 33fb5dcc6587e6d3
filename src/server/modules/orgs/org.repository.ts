import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits, type OrgUnitRow } from '../../db/schema/index.js';
import { inSubtree, subtreePattern } from '../../scope.js';
import type { OrgKind } from '../../../shared/org-kinds.js';
import type { Actor } from '../../actor.js';

/** A node of the tree, only if it lies in the actor's subtree. */
export async function findUnitInScope(db: Executor, scopePath: string, id: number): Promise<OrgUnitRow | undefined> {
  let lookup = unitLookups.get(db);
  if (!lookup) {
    lookup = prepareUnitLookup(db);
    unitLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ id, subtree: subtreePattern(scopePath) });
  return row;
}

/**
 * The read behind GET /api/orgs/:id and every by-id unit check: built once per database handle and,
 * on PostgreSQL, a named statement each pooled connection parses and plans once (decision 022).
 * The same condition as inSubtree (path like '<scope path>%').
 */
function prepareUnitLookup(db: Executor) {
  return db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, sql.placeholder('id')), sql`${orgUnits.path} like ${sql.placeholder('subtree')}`))
    .prepare('xf_find_unit_in_scope');
}

const unitLookups = new WeakMap<Executor, ReturnType<typeof prepareUnitLookup>>();

/** The actor's subtree in depth order (closed nodes only when asked). */
export async function listSubtree(
  db: Executor,
  actor: Actor,
  opts: { includeClosed?: boolean } = {},
): Promise<OrgUnitRow[]> {
  const conds: Array<SQL | undefined> = [inSubtree(orgUnits.path, actor.scope.path)];
  if (!opts.includeClosed) conds.push(isNull(orgUnits.closedAt));
  return db
    .select()
    .from(orgUnits)
    .where(and(...conds))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.sortOrder), asc(orgUnits.id));
}

/** Open nodes of the actor's subtree by name or pinyin initials, optionally of some kinds. */
export async function searchUnits(
  db: Executor,
  actor: Actor,
  f: { q?: string | undefined; kinds?: OrgKind[] | undefined; limit: number },
): Promise<OrgUnitRow[]> {
  const conds: Array<SQL | undefined> = [inSubtree(orgUnits.path, actor.scope.path), isNull(orgUnits.closedAt)];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(orgUnits.name, like), ilike(orgUnits.pinyin, like)));
  }
  if (f.kinds?.length) conds.push(inArray(orgUnits.kind, f.kinds));
  return db
    .select()
    .from(orgUnits)
    .where(and(...conds))
    .orderBy(asc(orgUnits.path))
    .limit(f.limit);
}

export interface NewUnit {
  parentId: number | null;
  kind: OrgKind;
  name: string;
  shortName?: string | null;
  code?: string | null;
  sortOrder?: number;
  address?: string | null;
  lng?: number | null;
  lat?: number | null;
  industry?: string | null;
  pinyin?: string;
}

/** Inserts a node and sets its materialised path from its parent's. */
export async function insertUnit(db: Executor, u: NewUnit): Promise<OrgUnitRow> {
  let parentPath = '/';
  let depth = 0;
  if (u.parentId !== null) {
    const [parent] = await db
      .select({ path: orgUnits.path, depth: orgUnits.depth })
      .from(orgUnits)
      .where(eq(orgUnits.id, u.parentId));
    if (!parent) throw new Error(`parent ${u.parentId} not found`);
    parentPath = parent.path;
    depth = parent.depth + 1;
  }
  const [row] = await db
    .insert(orgUnits)
    .values({ ...u, path: 'pending', depth, pinyin: u.pinyin ?? '' })
    .returning();
  if (!row) throw new Error('insert failed');
  const path = `${parentPath}${row.id}/`;
  const [done] = await db.update(orgUnits).set({ path }).where(eq(orgUnits.id, row.id)).returning();
  return done as OrgUnitRow;
}
