import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { allOn, queryRows, type Executor } from '../../db/client.js';
import {
  orgUnits,
  projectContractors,
  projectInvestments,
  projectNodes,
  projects,
  projectTaskForces,
  users,
} from '../../db/schema/index.js';
import type { Actor } from '../../actor.js';
import { offsetOf } from '../../http/pagination.js';
import { isWideScope, projectIdVisibleTo, projectVisibleInList, projectVisibleTo } from './project.scope.js';
import type { ProjectFilter } from '../../../shared/api/projects.js';

const township = alias(orgUnits, 'township');
const leadUnit = alias(orgUnits, 'lead_unit');
const leader = alias(users, 'leader');
const commissioner = alias(users, 'commissioner');

type Who = Pick<Actor, 'userId' | 'scope'>;

function escapeLike(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The search's index condition (migration 0009): the bigrams of name, code and pinyin together contain the
 * query's. Necessary for any substring of two or more characters of one of them; the ILIKE decides.
 */
function searchBigrams(q: string): SQL | undefined {
  if ([...q].length < 2) return undefined;
  return sql`xf_bigrams(lower(${projects.name} || ' ' || ${projects.code} || ' ' || ${projects.pinyin})) @> xf_bigrams(lower(${q}))`;
}

/** The filters of the list, the export and the board, on top of the visibility rule. */
export function projectFilterWhere(
  who: Who,
  f: Partial<ProjectFilter>,
  visibility: SQL = projectVisibleInList(who),
): SQL | undefined {
  const conds: Array<SQL | undefined> = [visibility];
  if (f.q) {
    const like = escapeLike(f.q);
    conds.push(searchBigrams(f.q));
    conds.push(or(ilike(projects.name, like), ilike(projects.code, like), ilike(projects.pinyin, like)));
  }
  if (f.stage) conds.push(eq(projects.stage, f.stage));
  if (f.colour) conds.push(eq(projects.warningColour, f.colour));
  if (f.townshipId) conds.push(eq(projects.townshipUnitId, f.townshipId));
  if (f.level) conds.push(eq(projects.level, f.level));
  if (f.chain) conds.push(eq(projects.chain, f.chain));
  if (f.leaderId) conds.push(eq(projects.leaderUserId, f.leaderId));
  if (f.kind) conds.push(eq(projects.kind, f.kind));
  if (f.mine) conds.push(or(eq(projects.leaderUserId, who.userId), eq(projects.commissionerUserId, who.userId)));
  return and(...conds);
}

// Correlated subqueries name the outer table in plain SQL: Drizzle leaves selected columns unqualified
// in single-table queries, where "id" would silently bind to the subquery's own table.
const listColumns = (months: string | ReturnType<typeof sql.placeholder>) => ({
  project: projects,
  townshipName: township.name,
  leadUnitName: leadUnit.name,
  leaderName: leader.displayName,
  commissionerName: commissioner.displayName,
  yearInvestment: sql<number>`coalesce((select sum(pi.amount) from project_investments pi where pi.project_id = projects.id and pi.month like ${months}), 0)::float8`,
});

export type ProjectListRow = {
  project: typeof projects.$inferSelect;
  townshipName: string | null;
  leadUnitName: string | null;
  leaderName: string | null;
  commissionerName: string | null;
  yearInvestment: number;
};

function orderOf(sort: ProjectFilter['sort'] | undefined): SQL[] {
  switch (sort) {
    case 'code':
      return [asc(projects.code)];
    case 'name':
      return [asc(projects.pinyin), asc(projects.id)];
    case 'investment':
      return [sql`${projects.totalInvestment} desc nulls last`, asc(projects.code)];
    case 'risk':
    case undefined:
      // "nulls last" as in projects_region_rank_idx, so the index serves the order (the column is never null)
      return [sql`${projects.warningRank} desc nulls last`, asc(projects.code)];
  }
}

/** The `like` pattern of a year's months ('2026-%'), for the year's investment column. */
export const monthsOf = (year: string) => `${year}-%`;

function selectList(db: Executor, year: string) {
  return selectListWith(db, monthsOf(year), {});
}

/** The list's columns and name joins, plus `extra` columns (the detail's parts), for one statement. */
export function selectListWith<E extends Record<string, SQL>>(
  db: Executor,
  months: string | ReturnType<typeof sql.placeholder>,
  extra: E,
) {
  return db
    .select({ ...listColumns(months), ...extra })
    .from(projects)
    .leftJoin(township, eq(township.id, projects.townshipUnitId))
    .leftJoin(leadUnit, eq(leadUnit.id, projects.leadUnitId))
    .leftJoin(leader, eq(leader.id, projects.leaderUserId))
    .leftJoin(commissioner, eq(commissioner.id, projects.commissionerUserId));
}

/** Above this many matching rows the list's count stops and becomes the planner's estimate ("约"). */
export const LIST_COUNT_CAP = 10_000;

/**
 * A page of the projects the actor may see, with the names the list shows (one query + one count).
 * Without `countCap` the total is exact. With it, counting stops after `countCap + 1` rows — the cost
 * of page 1 no longer grows with the region — and a larger total is the planner's estimate of the
 * matching rows (never below `countCap + 1`) with `totalExact: false`.
 */
export async function listProjects(
  db: Executor,
  who: Who,
  f: ProjectFilter,
  year: string,
  where?: SQL,
  opts: { countCap?: number } = {},
): Promise<{ rows: ProjectListRow[]; total: number; totalExact: boolean }> {
  const w = where ?? projectFilterWhere(who, f);
  const [rows, count] = await Promise.all([
    listPageRows(db, f, year, w),
    opts.countCap === undefined ? exactCount(db, w) : cappedCount(db, w, opts.countCap),
  ]);
  return { rows, ...count };
}

/** Only the page's rows, for callers that know the total otherwise (the board, from its counts). */
export async function listPageRows(db: Executor, f: ProjectFilter, year: string, where: SQL | undefined) {
  return selectList(db, year)
    .where(where)
    .orderBy(...orderOf(f.sort))
    .limit(f.pageSize)
    .offset(offsetOf(f));
}

async function exactCount(db: Executor, w: SQL | undefined) {
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(projects)
    .where(w);
  return { total: count?.n ?? 0, totalExact: true };
}

async function cappedCount(db: Executor, w: SQL | undefined, cap: number) {
  const where = w ?? sql`true`;
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from ${projects} where ${where} limit ${cap + 1}) capped`,
  );
  const n = count?.n ?? 0;
  if (n <= cap) return { total: n, totalExact: true };
  return { total: Math.max(cap + 1, await estimatedRows(db, where)), totalExact: false };
}

/** The planner's row estimate for the matching projects (EXPLAIN, nothing read), rounded to hundreds. */
async function estimatedRows(db: Executor, where: SQL): Promise<number> {
  const [plan] = await queryRows<{ 'QUERY PLAN': unknown }>(
    db,
    sql`explain (format json) select 1 from ${projects} where ${where}`,
  );
  const raw = plan?.['QUERY PLAN'];
  const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan?: { 'Plan Rows'?: number } }>;
  const rows = json[0]?.Plan?.['Plan Rows'] ?? 0;
  return Math.round(rows / 100) * 100;
}

/** A project's contractors, task forces, nodes and investments, if the actor may see it (else empty). */
export async function projectParts(db: Executor, actor: Actor, id: number) {
  const visible = projectIdVisibleTo(actor, id);
  const [contractors, taskForces, nodes, investments] = await allOn(db, [
    () =>
      db
        .select()
        .from(projectContractors)
        .where(and(eq(projectContractors.projectId, id), visible))
        .orderBy(asc(projectContractors.seq), asc(projectContractors.id)),
    () =>
      db
        .select()
        .from(projectTaskForces)
        .where(and(eq(projectTaskForces.projectId, id), visible))
        .orderBy(asc(projectTaskForces.seq), asc(projectTaskForces.id)),
    () =>
      db
        .select()
        .from(projectNodes)
        .where(and(eq(projectNodes.projectId, id), visible))
        .orderBy(asc(projectNodes.seq)),
    () =>
      db
        .select()
        .from(projectInvestments)
        .where(and(eq(projectInvestments.projectId, id), visible))
        .orderBy(asc(projectInvestments.month)),
  ]);
  return { contractors, taskForces, nodes, investments };
}

/** Names of units and users referenced by ids, for the detail view. */
export async function namesOf(db: Executor, unitIds: number[], userIds: number[]) {
  const [u, p] = await Promise.all([
    unitIds.length
      ? db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, unitIds))
      : [],
    userIds.length
      ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))
      : [],
  ]);
  return { units: new Map(u.map((x) => [x.id, x.name])), users: new Map(p.map((x) => [x.id, x.name])) };
}

/** The townships, chains and leaders that occur among the visible projects (filter choices). */
export async function projectFacets(db: Executor, who: Who) {
  if (isWideScope(who)) return facetsBySkipScan(db, who);
  const visible = projectVisibleInList(who);
  const [towns, chains, leaders] = await Promise.all([
    db
      .selectDistinct({ id: orgUnits.id, name: orgUnits.name, pinyin: orgUnits.pinyin })
      .from(projects)
      .innerJoin(orgUnits, eq(orgUnits.id, projects.townshipUnitId))
      .where(visible)
      .orderBy(asc(orgUnits.pinyin), asc(orgUnits.id)),
    db
      .selectDistinct({ chain: projects.chain })
      .from(projects)
      .where(and(visible, sql`${projects.chain} is not null`))
      .orderBy(asc(projects.chain)),
    db
      .selectDistinct({ id: users.id, name: users.displayName, pinyin: users.pinyin })
      .from(projects)
      .innerJoin(users, eq(users.id, projects.leaderUserId))
      .where(visible)
      .orderBy(asc(users.pinyin), asc(users.id)),
  ]);
  return {
    townships: towns.map((t) => ({ id: t.id, name: t.name })),
    chains: chains.map((c) => c.chain as string),
    leaders: leaders.map((l) => ({ id: l.id, name: l.name })),
  };
}

const fp = alias(projects, 'fp');

/**
 * The distinct values of an indexed column among the visible projects, one index probe per value (a
 * "skip scan": the next value above the last one whose project is visible) instead of reading every
 * project. For a region-wide actor the first project of each value is visible, so the cost is the
 * number of values (hundreds of townships), not of projects.
 */
function distinctVisible(who: Who, column: 'township_unit_id' | 'leader_user_id' | 'chain'): SQL {
  const col = sql.raw(`fp.${column}`);
  const visible = projectVisibleTo(who, fp as unknown as typeof projects);
  return sql`with recursive t(v) as (
      (select ${col} from projects fp where ${col} is not null and ${visible} order by ${col} limit 1)
      union all
      select (select ${col} from projects fp where ${col} > t.v and ${visible} order by ${col} limit 1) from t where t.v is not null
    ) select v from t where v is not null`;
}

async function facetsBySkipScan(db: Executor, who: Who) {
  const [towns, chains, leaders] = await Promise.all([
    queryRows<{ id: number; name: string }>(
      db,
      sql`select o.id, o.name from org_units o where o.id in (${distinctVisible(who, 'township_unit_id')}) order by o.pinyin, o.id`,
    ),
    queryRows<{ v: string }>(db, sql`select v from (${distinctVisible(who, 'chain')}) c order by v`),
    queryRows<{ id: number; name: string }>(
      db,
      sql`select u.id, u.display_name as name from users u where u.id in (${distinctVisible(who, 'leader_user_id')}) order by u.pinyin, u.id`,
    ),
  ]);
  return {
    townships: towns.map((t) => ({ id: t.id, name: t.name })),
    chains: chains.map((c) => c.v),
    leaders: leaders.map((l) => ({ id: l.id, name: l.name })),
  };
}

/** Row lock for a write, so two people editing one project serialise (PostgreSQL; PGlite is serial anyway). */
export async function lockProject(db: Executor, id: number) {
  const [row] = await db.select().from(projects).where(eq(projects.id, id)).for('update');
  return row;
}
