import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { notFound } from '../../errors.js';
import { orgUnits, users, type ProjectRow } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import type { Page } from '../../http/pagination.js';
import { chinaDate } from '../../../domain/dates.js';
import type { RoleCode } from '../../../shared/roles.js';
import { findProjectInScope, regionOfPath } from './project.scope.js';
import { LIST_COUNT_CAP, listProjects, projectFacets } from './project.repository.js';
import { findProjectDetail } from './project.detail.repository.js';
import { listHistory } from './history.repository.js';
import { presentDetail, presentHistory, presentListItem } from './project.presenter.js';
import { abilitiesOf } from './project.policy.js';
import type {
  HistoryItem,
  ProjectDetail,
  ProjectFacets,
  ProjectFilter,
  ProjectPage,
} from '../../../shared/api/projects.js';

export const PROJECT = { zh: '项目', en: 'Project' };

/** The project if the actor may see it; otherwise 404 (never 403: out of scope is "not found"). */
export async function requireProject(ctx: AppContext, actor: Actor, id: number): Promise<ProjectRow> {
  const p = await findProjectInScope(ctx.db, actor, id);
  if (!p) throw notFound(PROJECT);
  return p;
}

/** A page of the list; the total is exact up to LIST_COUNT_CAP matches, an estimate above (`totalExact`). */
export async function listProjectsFor(ctx: AppContext, actor: Actor, f: ProjectFilter): Promise<ProjectPage> {
  const year = chinaDate(ctx.clock.now()).slice(0, 4);
  const { rows, total, totalExact } = await listProjects(ctx.db, actor, f, year, undefined, {
    countCap: LIST_COUNT_CAP,
  });
  return {
    data: rows.map((r) => presentListItem(r, actor.lang)),
    total,
    totalExact,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** One statement (project.detail.repository.ts): the row, its parts and their names under one visibility check. */
export async function getProject(ctx: AppContext, actor: Actor, id: number): Promise<ProjectDetail> {
  const today = chinaDate(ctx.clock.now());
  const row = await findProjectDetail(ctx.db, actor, id, today.slice(0, 4));
  if (!row) throw notFound(PROJECT);
  const cal = await ctx.calendar.get();
  const p = row.project;
  const unitNames = new Map<number, string>();
  const userNames = new Map<number, string>();
  const named = (map: Map<number, string>, id: number | null, name: string | null) => {
    if (id !== null && name !== null) map.set(id, name);
  };
  named(unitNames, p.regionUnitId, row.regionName);
  named(unitNames, p.ownerFirmUnitId, row.ownerFirmName);
  named(unitNames, p.partyBranchUnitId, row.partyBranchName);
  for (const n of row.nodes) {
    named(unitNames, n.responsibleUnitId, n.responsibleUnitName);
    named(userNames, n.responsibleUserId, n.responsibleUserName);
  }
  return presentDetail(
    row,
    row,
    { units: unitNames, users: userNames },
    { cal, today, lang: actor.lang, abilities: abilitiesOf(actor, p) },
  );
}

/** A project's history, newest first (404 when the actor may not see the project). */
export async function getProjectHistory(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: { kind?: string | undefined; page: number; pageSize: number },
): Promise<Page<HistoryItem>> {
  await requireProject(ctx, actor, id);
  const { rows, total } = await listHistory(ctx.db, actor, id, q);
  return { data: rows.map((h) => presentHistory(h, actor.lang)), total, page: q.page, pageSize: q.pageSize };
}

export async function facetsFor(ctx: AppContext, actor: Actor): Promise<ProjectFacets> {
  return projectFacets(ctx.db, actor);
}

/**
 * People who can be chosen as 包联领导, 项目专员 or a node's responsible person: accounts of the
 * actor's region holding the role (any business role when none is asked for).
 */
export async function listAssignees(
  ctx: AppContext,
  actor: Actor,
  f: { role?: RoleCode | undefined; q?: string | undefined },
) {
  const region = await regionOfPath(ctx.db, actor.scope.path);
  const scopePath = region?.path ?? actor.scope.path;
  const conds = [inSubtree(orgUnits.path, scopePath), eq(users.disabled, false)];
  if (f.role)
    conds.push(sql`exists (select 1 from user_roles ur where ur.user_id = ${users.id} and ur.role_code = ${f.role})`);
  else
    conds.push(
      sql`exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = ${users.id} and r.kind = 'business')`,
    );
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const q = or(ilike(users.displayName, like), ilike(users.pinyin, like), ilike(users.username, like));
    if (q) conds.push(q);
  }
  const rows = await ctx.db
    .select({ id: users.id, name: users.displayName, title: users.title, unit: orgUnits.name })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
    .where(and(...conds))
    .orderBy(asc(users.pinyin))
    .limit(50);
  return { data: rows };
}
