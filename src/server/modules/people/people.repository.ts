import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.js';
import {
  developmentRecords,
  orgUnits,
  personEvents,
  personParticipations,
  people,
  userRoles,
  users,
} from '../../db/schema/index.js';
import { inSubtree, ancestorPaths } from '../../scope.js';
import type { Actor, SYSTEM_ACTOR } from '../../actor.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import { offsetOf } from '../../http/pagination.js';
import { PARTY_ORG_KINDS } from '../../../shared/org-kinds.js';
import type { PeopleFilter } from '../../../shared/api/people.js';

/**
 * The people module's reads. Every function over business rows takes the actor and keeps to its
 * subtree (by the relation org's path), so what is not the actor's reads as not found. Jobs read as
 * SYSTEM_ACTOR (the whole tree).
 */

export type PersonRow = typeof people.$inferSelect;
/** A request's actor, or the system for a job. */
export type Reader = Actor | typeof SYSTEM_ACTOR;

export function scopePathOf(actor: Reader): string {
  return 'scope' in actor ? actor.scope.path : actor.scopePath;
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An 18-character ID number typed in the search box: found by its blind index, never by LIKE. */
const ID_QUERY = /^\d{17}[\dXx]$/;

/** The initials half of the pinyin key ("zhangsan zs" → "zs"), as the people_initials_idx expression. */
const initialsOf = sql`split_part(${people.pinyin}, ' ', 2)`;

/** A search box query that is matched against the pinyin key (letters only). */
export const PINYIN_QUERY = /^[a-zA-Z]+$/;

/**
 * The search box: an ID number matches exactly (blind index); letters match the pinyin key by
 * prefix of the full spelling or of the initials ("zs" → 张三); anything else is a name prefix.
 * Both pinyin halves are prefix ranges of a btree (people_pinyin_idx, people_initials_idx), never a
 * leading-wildcard LIKE. The key holds one space ("zhangsan zs", pinyinKey), so "the initials
 * start with k" is the old "% k%". Full spelling and initials begin with the same letter, so every
 * match lies in the pinyin range of the first letter: the list walks that range in order.
 */
export function searchCondition(q: string, cipher: FieldCipher): SQL | undefined {
  if (ID_QUERY.test(q)) return eq(people.idHash, cipher.blindIndex(q));
  if (PINYIN_QUERY.test(q)) {
    const k = q.toLowerCase();
    return and(
      sql`${people.pinyin} like ${`${k.slice(0, 1)}%`}`,
      or(sql`${people.pinyin} like ${`${k}%`}`, sql`${initialsOf} like ${`${k}%`}`),
    );
  }
  return sql`${people.name} like ${`${escapeLike(q)}%`}`;
}

/** Filters of the list and the export, inside the actor's subtree (by the relation org's path). */
async function peopleWhere(
  db: Executor,
  actor: Actor,
  f: Partial<PeopleFilter>,
  cipher: FieldCipher,
): Promise<SQL | undefined> {
  const conds: Array<SQL | undefined> = [inSubtree(people.orgPath, actor.scope.path)];
  if (f.orgId) {
    const [org] = await db
      .select({ path: orgUnits.path })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, f.orgId), inSubtree(orgUnits.path, actor.scope.path)));
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
 * lower-case ASCII, where byte order is alphabetical order. A pinyin search keeps that order (its
 * matches lie in one letter's range of the index); a name or ID search selects a few rows: filter
 * first, then sort them (collate "C" is the same byte order, but no index serves it, so the planner
 * does not walk the index from "a").
 */
function orderOf(f: Pick<PeopleFilter, 'sort'> & { q?: string | undefined; employer?: string | undefined }): SQL[] {
  if (f.sort === 'recent') return [desc(people.id)];
  // 工作单位 is a substring: people_employer_trgm_idx finds its matches, which are then sorted, instead
  // of walking the whole pinyin index for them (decisions 025, 034)
  if ((f.q && !PINYIN_QUERY.test(f.q)) || f.employer) return BYTE_ORDER;
  return [PINYIN_ORDER, asc(people.id)];
}

const PINYIN_ORDER = sql`${people.pinyin} using ~<~`;
/** The same order as PINYIN_ORDER, which no index offers: the matches are sorted. */
const BYTE_ORDER = [sql`${people.pinyin} collate "C"`, asc(people.id)];

/**
 * Counted exactly up to this many rows; above it the total is the planner's estimate (shown as
 * "约 …"), so a list costs the same at a district and at a province (docs/decisions/025-people-…).
 */
export const PEOPLE_COUNT_CAP = 5000;

/** The planner's row estimate of a query, two significant digits, at least `floor`. */
async function estimateRows(db: Executor, query: SQL, floor: number): Promise<number> {
  const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(db, sql`explain (format json) ${query}`);
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan?: { 'Plan Rows'?: number } }>;
  const n = Math.max(floor, Math.round(plan[0]?.Plan?.['Plan Rows'] ?? 0));
  const unit = 10 ** Math.max(0, String(n).length - 2);
  return Math.round(n / unit) * unit;
}

export type PeopleTotal = { total: number; estimated: boolean };

/** How many rows match: exact up to PEOPLE_COUNT_CAP, else the planner's estimate. */
async function countPeople(db: Executor, where: SQL | undefined, cap: number): Promise<PeopleTotal> {
  const upTo = db
    .select({ one: sql`1` })
    .from(people)
    .where(where)
    .limit(cap + 1)
    .as('c');
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(upTo);
  const n = count?.n ?? 0;
  if (n <= cap) return { total: n, estimated: false };
  const all = db
    .select({ one: sql`1` })
    .from(people)
    .where(where);
  return { total: await estimateRows(db, sql`${all}`, n), estimated: true };
}

/** One page of the list (or the export) with the list's filters, in the actor's subtree. */
export async function listPeople(
  db: Executor,
  actor: Actor,
  f: Omit<PeopleFilter, 'page' | 'pageSize'> & Pick<PeopleFilter, 'page' | 'pageSize'>,
  cipher: FieldCipher,
  opts: { count?: boolean; countCap?: number } = {},
): Promise<{ rows: PersonListRow[] } & PeopleTotal> {
  const where = await peopleWhere(db, actor, f, cipher);
  const order = orderOf(f);
  const select = () =>
    db
      .select({ person: people, orgName: orgUnits.name })
      .from(people)
      .leftJoin(orgUnits, eq(orgUnits.id, people.relationOrgUnitId));
  if (opts.count === false || order[0] !== PINYIN_ORDER) {
    const [rows, count] = await Promise.all([
      select()
        .where(where)
        .orderBy(...order)
        .limit(f.pageSize)
        .offset(offsetOf(f)),
      opts.count === false ? undefined : countPeople(db, where, opts.countCap ?? PEOPLE_COUNT_CAP),
    ]);
    return { rows, ...(count ?? { total: rows.length, estimated: false }) };
  }
  const count = await countPeople(db, where, opts.countCap ?? PEOPLE_COUNT_CAP);
  if (count.estimated) {
    // Many matches: walking people_pinyin_idx in order stops after one page.
    return {
      rows: await select()
        .where(where)
        .orderBy(...order)
        .limit(f.pageSize)
        .offset(offsetOf(f)),
      ...count,
    };
  }
  // Few matches (a township's roster, a narrow filter): the page's ids first, sorted from the index
  // entries of people_org_path_pinyin_idx (collate "C" is the byte order of ~<~, and no index offers
  // it, so the planner cannot pick the walk of the whole pinyin index), then those rows (decision 034).
  const ids = db
    .select({ id: people.id })
    .from(people)
    .where(where)
    .orderBy(...BYTE_ORDER)
    .limit(f.pageSize)
    .offset(offsetOf(f));
  const rows = await select()
    .where(sql`${people.id} = any(array(${ids}))`)
    .orderBy(...BYTE_ORDER);
  return { rows, ...count };
}

export async function findPersonInScope(db: Executor, actor: Actor, id: number): Promise<PersonListRow | undefined> {
  const [row] = await db
    .select({ person: people, orgName: orgUnits.name })
    .from(people)
    .leftJoin(orgUnits, eq(orgUnits.id, people.relationOrgUnitId))
    .where(and(eq(people.id, id), inSubtree(people.orgPath, actor.scope.path)));
  return row;
}

/** An org unit in the actor's subtree, or undefined (the caller answers 404). */
export async function findUnitInScope(db: Executor, actor: Actor, id: number) {
  const [u] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), inSubtree(orgUnits.path, actor.scope.path)));
  return u;
}

/** The person `id` in the actor's subtree (else nothing): rows of its tables joined to it. */
function personInScope(actor: Actor, id: number): SQL | undefined {
  return and(eq(people.id, id), inSubtree(people.orgPath, actor.scope.path));
}

/** 双向管理 of a person in scope, oldest first, with the org's name. */
export async function participationsOf(db: Executor, actor: Actor, id: number) {
  return db
    .select({ p: personParticipations, orgName: orgUnits.name })
    .from(personParticipations)
    .innerJoin(people, eq(people.id, personParticipations.personId))
    .leftJoin(orgUnits, eq(orgUnits.id, personParticipations.orgUnitId))
    .where(personInScope(actor, id))
    .orderBy(asc(personParticipations.since), asc(personParticipations.id));
}

/** The open 双向管理 of a person in one org (in the transaction that adds one). */
export async function openParticipation(db: Executor, actor: Actor, id: number, orgUnitId: number) {
  const [row] = await db
    .select({ id: personParticipations.id })
    .from(personParticipations)
    .innerJoin(people, eq(people.id, personParticipations.personId))
    .where(
      and(personInScope(actor, id), eq(personParticipations.orgUnitId, orgUnitId), isNull(personParticipations.until)),
    );
  return row;
}

/** One 双向管理 row of a person in scope. */
export async function findParticipation(db: Executor, actor: Actor, id: number, participationId: number) {
  const [row] = await db
    .select({ p: personParticipations })
    .from(personParticipations)
    .innerJoin(people, eq(people.id, personParticipations.personId))
    .where(and(personInScope(actor, id), eq(personParticipations.id, participationId)));
  return row?.p;
}

/** The development record of a person in scope (none before the application). */
export async function developmentOf(db: Executor, actor: Actor, id: number) {
  const [row] = await db
    .select({ dev: developmentRecords })
    .from(developmentRecords)
    .innerJoin(people, eq(people.id, developmentRecords.personId))
    .where(personInScope(actor, id));
  return row?.dev;
}

/** The timeline of a person in scope, in date order. */
export async function timelineOf(db: Executor, actor: Actor, id: number) {
  const rows = await db
    .select({ e: personEvents })
    .from(personEvents)
    .innerJoin(people, eq(people.id, personEvents.personId))
    .where(personInScope(actor, id))
    .orderBy(asc(personEvents.on), asc(personEvents.id));
  return rows.map((r) => r.e);
}

/**
 * Open pipelines (not yet 正式党员) in the reader's subtree, or under `orgPath` inside it, with the
 * person's name, status and relation org.
 */
export async function openPipelines(db: Executor, actor: Reader, opts: { orgPath?: string; limit?: number } = {}) {
  const q = db
    .select({
      dev: developmentRecords,
      name: people.name,
      status: people.politicalStatus,
      orgName: orgUnits.name,
      orgId: people.relationOrgUnitId,
      orgPath: people.orgPath,
    })
    .from(developmentRecords)
    .innerJoin(people, eq(people.id, developmentRecords.personId))
    .leftJoin(orgUnits, eq(orgUnits.id, people.relationOrgUnitId))
    .where(
      and(
        inSubtree(people.orgPath, scopePathOf(actor)),
        opts.orgPath ? inSubtree(people.orgPath, opts.orgPath) : undefined,
        isNull(developmentRecords.fullOn),
      ),
    );
  return opts.limit ? q.limit(opts.limit) : q;
}

/** The party orgs in the actor's subtree (a roster names its orgs by name). */
export async function partyOrgsInScope(db: Executor, actor: Actor) {
  return db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(and(inSubtree(orgUnits.path, actor.scope.path), inArray(orgUnits.kind, [...PARTY_ORG_KINDS])));
}

/**
 * An ID number is registered once in the whole system, so this check is not scoped; it answers only
 * whether (and, for an edit, whether by the same person), never whose row it is.
 */
export async function idNumberHolder(db: Executor, idHash: string): Promise<number | undefined> {
  const [dup] = await db.select({ id: people.id }).from(people).where(eq(people.idHash, idHash));
  return dup?.id;
}

/** Which of these ID numbers (blind indexes) are registered already, system-wide (see idNumberHolder). */
export async function registeredIdHashes(db: Executor, hashes: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const found = await db
      .select({ h: people.idHash })
      .from(people)
      .where(inArray(people.idHash, hashes.slice(i, i + 1000)));
    for (const f of found) if (f.h) out.add(f.h);
  }
  return out;
}

/** Who is reminded of a pipeline date: the relation org's secretaries and the org_dept users at it or above. */
export async function pipelineRecipients(db: Executor, orgId: number, orgPath: string): Promise<number[]> {
  const ancestors = ancestorPaths(orgPath);
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
    .where(
      and(
        eq(users.disabled, false),
        or(
          and(eq(userRoles.roleCode, 'secretary'), eq(users.scopeUnitId, orgId)),
          and(eq(userRoles.roleCode, 'org_dept'), inArray(orgUnits.path, ancestors)),
        ),
      ),
    );
  return rows.map((u) => u.id);
}
