import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits, people } from '../../db/schema/index.js';

export type PersonRow = typeof people.$inferSelect;
import { inSubtree } from '../../scope.js';
import type { Actor } from '../../actor.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import { offsetOf } from '../../http/pagination.js';
import type { PeopleFilter } from '../../../shared/api/people.js';

type Who = Pick<Actor, 'scope'>;

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An 18-character ID number typed in the search box: found by its blind index, never by LIKE. */
const ID_QUERY = /^\d{17}[\dXx]$/;

/**
 * The search box: an ID number matches exactly (blind index); letters match the pinyin key by
 * prefix of the full spelling or of the initials ("zs" → 张三); anything else is a name prefix.
 */
export function searchCondition(q: string, cipher: FieldCipher): SQL | undefined {
  if (ID_QUERY.test(q)) return eq(people.idHash, cipher.blindIndex(q));
  if (/^[a-zA-Z]+$/.test(q)) {
    const k = escapeLike(q.toLowerCase());
    return or(sql`${people.pinyin} like ${`${k}%`}`, sql`${people.pinyin} like ${`% ${k}%`}`);
  }
  return sql`${people.name} like ${`${escapeLike(q)}%`}`;
}

/** Filters of the list and the export, inside the actor's subtree (by the relation org's path). */
export async function peopleWhere(
  db: Executor,
  who: Who,
  f: Partial<PeopleFilter>,
  cipher: FieldCipher,
): Promise<SQL | undefined> {
  const conds: Array<SQL | undefined> = [inSubtree(people.orgPath, who.scope.path)];
  if (f.orgId) {
    const [org] = await db
      .select({ path: orgUnits.path })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, f.orgId), inSubtree(orgUnits.path, who.scope.path)));
    conds.push(org ? inSubtree(people.orgPath, org.path) : sql`false`);
  }
  if (f.q) conds.push(searchCondition(f.q, cipher));
  if (f.politicalStatus) conds.push(eq(people.politicalStatus, f.politicalStatus));
  if (f.worker !== undefined) conds.push(eq(people.isWorker, f.worker));
  if (f.talent !== undefined) conds.push(eq(people.isTalent, f.talent));
  if (f.expert !== undefined) conds.push(eq(people.isExpert, f.expert));
  if (f.flow) conds.push(eq(people.flow, f.flow));
  if (f.employer) conds.push(ilike(people.employerName, `%${escapeLike(f.employer)}%`));
  if (f.projectId) conds.push(eq(people.projectId, f.projectId));
  return and(...conds);
}

export type PersonListRow = { person: PersonRow; orgName: string | null };

/**
 * By pinyin in byte order (USING ~<~, the ordering of the text_pattern_ops index on people.pinyin), so
 * page 1 of a million people is read from the index instead of sorting them all; pinyin keys are
 * lower-case ASCII, where byte order is alphabetical order.
 */
function orderOf(f: Pick<PeopleFilter, 'sort'> & { q?: string | undefined }): SQL[] {
  if (f.sort === 'recent') return [desc(people.id)];
  // A text search selects a few rows clustered at one letter: filter first, then sort them (collate
  // "C" is the same byte order, but no index serves it, so the planner cannot walk the index from "a").
  if (f.q) return [sql`${people.pinyin} collate "C"`, asc(people.id)];
  return [sql`${people.pinyin} using ~<~`, asc(people.id)];
}

export async function listPeople(
  db: Executor,
  where: SQL | undefined,
  f: Pick<PeopleFilter, 'page' | 'pageSize' | 'sort'> & { q?: string | undefined },
): Promise<{ rows: PersonListRow[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    db
      .select({ person: people, orgName: orgUnits.name })
      .from(people)
      .leftJoin(orgUnits, eq(orgUnits.id, people.relationOrgUnitId))
      .where(where)
      .orderBy(...orderOf(f))
      .limit(f.pageSize)
      .offset(offsetOf(f)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(people)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findPersonInScope(db: Executor, who: Who, id: number): Promise<PersonListRow | undefined> {
  const [row] = await db
    .select({ person: people, orgName: orgUnits.name })
    .from(people)
    .leftJoin(orgUnits, eq(orgUnits.id, people.relationOrgUnitId))
    .where(and(eq(people.id, id), inSubtree(people.orgPath, who.scope.path)));
  return row;
}

/** An org unit in the actor's subtree, or undefined (the caller answers 404). */
export async function findUnitInScope(db: Executor, who: Who, id: number) {
  const [u] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), inSubtree(orgUnits.path, who.scope.path)));
  return u;
}

export async function unitNames(db: Executor, ids: Array<number | null | undefined>): Promise<Map<number, string>> {
  const list = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
  if (!list.length) return new Map();
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(inArray(orgUnits.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}
