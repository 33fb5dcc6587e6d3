import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
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
import { projectIdVisibleTo, projectVisibleTo } from './project.scope.js';
import type { ProjectFilter } from '../../../shared/api/projects.js';

const township = alias(orgUnits, 'township');
const leadUnit = alias(orgUnits, 'lead_unit');
const leader = alias(users, 'leader');
const commissioner = alias(users, 'commissioner');

type Who = Pick<Actor, 'userId' | 'scope'>;

function escapeLike(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filters of the list, the export and the board, on top of the visibility rule. */
export function projectFilterWhere(
  who: Who,
  f: Partial<ProjectFilter>,
  visibility: SQL = projectVisibleTo(who),
): SQL | undefined {
  const conds: Array<SQL | undefined> = [visibility];
  if (f.q) {
    const like = escapeLike(f.q);
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
const listColumns = (year: string) => ({
  project: projects,
  townshipName: township.name,
  leadUnitName: leadUnit.name,
  leaderName: leader.displayName,
  commissionerName: commissioner.displayName,
  yearInvestment: sql<number>`coalesce((select sum(pi.amount) from project_investments pi where pi.project_id = projects.id and pi.month like ${`${year}-%`}), 0)::float8`,
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

function selectList(db: Executor, year: string) {
  return db
    .select(listColumns(year))
    .from(projects)
    .leftJoin(township, eq(township.id, projects.townshipUnitId))
    .leftJoin(leadUnit, eq(leadUnit.id, projects.leadUnitId))
    .leftJoin(leader, eq(leader.id, projects.leaderUserId))
    .leftJoin(commissioner, eq(commissioner.id, projects.commissionerUserId));
}

/** A page of the projects the actor may see, with the names the list shows (one query + one count). */
export async function listProjects(
  db: Executor,
  who: Who,
  f: ProjectFilter,
  year: string,
  where?: SQL,
): Promise<{ rows: ProjectListRow[]; total: number }> {
  const w = where ?? projectFilterWhere(who, f);
  const [rows, [count]] = await Promise.all([
    selectList(db, year)
      .where(w)
      .orderBy(...orderOf(f.sort))
      .limit(f.pageSize)
      .offset(offsetOf(f)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(projects)
      .where(w),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findProjectRow(
  db: Executor,
  who: Who,
  id: number,
  year: string,
): Promise<ProjectListRow | undefined> {
  const [row] = await selectList(db, year).where(and(eq(projects.id, id), projectVisibleTo(who)));
  return row;
}

/** A project's contractors, task forces, nodes and investments, if the actor may see it (else empty). */
export async function projectParts(db: Executor, actor: Actor, id: number) {
  const visible = projectIdVisibleTo(actor, id);
  const [contractors, taskForces, nodes, investments] = await Promise.all([
    db
      .select()
      .from(projectContractors)
      .where(and(eq(projectContractors.projectId, id), visible))
      .orderBy(asc(projectContractors.seq), asc(projectContractors.id)),
    db
      .select()
      .from(projectTaskForces)
      .where(and(eq(projectTaskForces.projectId, id), visible))
      .orderBy(asc(projectTaskForces.seq), asc(projectTaskForces.id)),
    db
      .select()
      .from(projectNodes)
      .where(and(eq(projectNodes.projectId, id), visible))
      .orderBy(asc(projectNodes.seq)),
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
  const visible = projectVisibleTo(who);
  const [towns, chains, leaders] = await Promise.all([
    db
      .selectDistinct({ id: orgUnits.id, name: orgUnits.name, pinyin: orgUnits.pinyin })
      .from(projects)
      .innerJoin(orgUnits, eq(orgUnits.id, projects.townshipUnitId))
      .where(visible)
      .orderBy(asc(orgUnits.pinyin)),
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
      .orderBy(asc(users.pinyin)),
  ]);
  return {
    townships: towns.map((t) => ({ id: t.id, name: t.name })),
    chains: chains.map((c) => c.chain as string),
    leaders: leaders.map((l) => ({ id: l.id, name: l.name })),
  };
}

/** Row lock for a write, so two people editing one project serialise (PostgreSQL; PGlite is serial anyway). */
export async function lockProject(db: Executor, id: number) {
  const [row] = await db.select().from(projects).where(eq(projects.id, id)).for('update');
  return row;
}
