import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from '../../db/client.js';
import { orgUnits, problemAssignments, problems, projects, users } from '../../db/schema/index.js';
import type { Actor } from '../../actor.js';
import { offsetOf, type PageQuery } from '../../http/pagination.js';
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
      // = any(array(…)): the visible projects are computed once (an InitPlan), so the planner can
      // OR two index scans (scope path, project) for a township instead of filtering every row.
      return sql`(${inSubtree(problems.scopePath, path)} or ${problems.projectId} = any(array(select projects.id from projects where ${projectVisibleTo(actor)})))`;
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

const firm = alias(orgUnits, 'firm');
const lead = alias(orgUnits, 'lead');
const owner = alias(users, 'owner');

export const listColumns = {
  id: problems.id,
  title: problems.title,
  category: problems.category,
  source: problems.source,
  status: problems.status,
  firmUnitId: problems.firmUnitId,
  firmName: firm.name,
  projectId: problems.projectId,
  projectName: projects.name,
  leadDeptUnitId: problems.leadDeptUnitId,
  leadDeptName: lead.name,
  ownerUserId: problems.ownerUserId,
  ownerName: owner.displayName,
  raisedAt: problems.raisedAt,
  raisedOn: problems.raisedOn,
  firstDispatchedAt: problems.firstDispatchedAt,
  answerDue: problems.answerDue,
  feedbackDue: problems.feedbackDue,
  slaProvisionalYear: problems.slaProvisionalYear,
  answeredAt: problems.answeredAt,
  fedBackAt: problems.fedBackAt,
  closedAt: problems.closedAt,
  onTime: problems.onTime,
  lateRounds: problems.lateRounds,
  rating: problems.rating,
  version: problems.version,
};

export type ProblemListRow = Awaited<ReturnType<typeof listProblems>>['rows'][number];

export type Queue = 'to_sign' | 'in_hand' | 'due_soon' | 'overdue';

export interface ProblemFilter extends PageQuery {
  q?: string | undefined;
  status?: string[] | undefined;
  category?: string | undefined;
  source?: string | undefined;
  deptId?: number | undefined;
  firmId?: number | undefined;
  projectId?: number | undefined;
  overdue?: boolean | undefined;
  queue?: Queue | undefined;
  mine?: 'owned' | 'raised' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort?: 'recent' | 'due' | undefined;
}

/** Dates the filters need, computed by the caller from the calendar (today, the next working day). */
export interface FilterDates {
  today: string;
  soon: string;
  /** The firm's or department's unit ids, resolved beforehand (see scopeUnitIds). */
  unitIds?: number[] | undefined;
}

/** Dates plus the resolved scope ids: call once per request before filterWhere. */
export async function withScope(db: Executor, actor: Actor, d: FilterDates): Promise<FilterDates> {
  return { ...d, unitIds: await scopeUnitIds(db, actor) };
}

const FINAL = sql`('rated','closed')`;

/** Open and overdue: a late round already, or unanswered past the answer deadline. */
export const openOverdueSql = (today: string) =>
  sql`(${problems.status} not in ${FINAL} and (${problems.lateRounds} > 0 or (${problems.answeredAt} is null and ${problems.answerDue} < ${today})))`;

function queueSql(actor: Actor, q: Queue, d: FilterDates): SQL {
  // IN (…) rather than a correlated EXISTS: PostgreSQL hashes the department's assignments once.
  const depts = d.unitIds
    ? idList(d.unitIds)
    : sql`(select o.id from org_units o where o.path like ${`${actor.scope.path}%`})`;
  // Every queue holds assignments to sign or in hand, and closing cancels those (problem-flow), so a
  // queued problem is open: said outright, the due-date order walks problems_open_idx (decision 034).
  const mine = (cond: SQL) =>
    sql`(${problems.id} in (select pa.problem_id from problem_assignments pa where pa.dept_unit_id in ${depts} and ${cond}) and ${problems.status} not in ${FINAL})`;
  switch (q) {
    case 'to_sign':
      return mine(sql`pa.status = 'to_sign'`);
    case 'in_hand':
      return mine(sql`pa.status = 'in_hand'`);
    case 'due_soon':
      return mine(
        sql`pa.status in ('to_sign','in_hand') and ((pa.answer_due between ${d.today} and ${d.soon}) or (pa.status = 'to_sign' and pa.sign_due between ${d.today} and ${d.soon}))`,
      );
    case 'overdue':
      return mine(
        sql`pa.status in ('to_sign','in_hand') and (pa.answer_due < ${d.today} or (pa.status = 'to_sign' and pa.sign_due < ${d.today}))`,
      );
  }
}

export function filterWhere(
  actor: Actor,
  f: Omit<ProblemFilter, 'page' | 'pageSize'>,
  d: FilterDates,
): SQL | undefined {
  // A department's queue lies inside what it may see: its own condition is the scope.
  const queueIsScope = f.queue !== undefined && actor.scope.kind === 'dept';
  const conds: Array<SQL | undefined> = [queueIsScope ? undefined : problemVisibleTo(actor, d.unitIds)];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const code = /^WT\d{4}(\d{6,9})$/i.exec(f.q.trim()) ?? /^(\d{1,9})$/.exec(f.q.trim());
    conds.push(
      sql`(${problems.title} ilike ${like} or ${problems.description} ilike ${like}${code ? sql` or ${problems.id} = ${Number(code[1])}` : sql``})`,
    );
  }
  if (f.status?.length) conds.push(inArray(problems.status, f.status));
  if (f.category) conds.push(eq(problems.category, f.category));
  if (f.source) conds.push(eq(problems.source, f.source));
  if (f.deptId)
    conds.push(
      sql`${problems.id} in (select pd.problem_id from problem_assignments pd where pd.dept_unit_id = ${f.deptId} and pd.status <> 'returned')`,
    );
  if (f.firmId) conds.push(eq(problems.firmUnitId, f.firmId));
  if (f.projectId) conds.push(eq(problems.projectId, f.projectId));
  if (f.overdue === true) conds.push(openOverdueSql(d.today));
  if (f.overdue === false) conds.push(sql`not ${openOverdueSql(d.today)}`);
  if (f.queue) conds.push(queueSql(actor, f.queue, d));
  if (f.mine === 'owned') conds.push(eq(problems.ownerUserId, actor.userId));
  if (f.mine === 'raised') conds.push(eq(problems.createdBy, actor.userId));
  if (f.from) conds.push(sql`${problems.raisedOn} >= ${f.from}`);
  if (f.to) conds.push(sql`${problems.raisedOn} <= ${f.to}`);
  return and(...conds);
}

function baseSelect(db: Executor) {
  return db
    .select(listColumns)
    .from(problems)
    .leftJoin(firm, eq(firm.id, problems.firmUnitId))
    .leftJoin(projects, eq(projects.id, problems.projectId))
    .leftJoin(lead, eq(lead.id, problems.leadDeptUnitId))
    .leftJoin(owner, eq(owner.id, problems.ownerUserId));
}

/**
 * Counting stops here: beyond it the total is the planner's estimate (约), since an exact count of a
 * province's ledger reads every matching row on every page view (see docs/decisions/024-problems-…).
 */
export const COUNT_CAP = 5_000;

/** A total and whether it was counted (exact) or estimated by the planner (above the cap). */
export interface ListTotal {
  total: number;
  totalExact: boolean;
}

/** Exact up to `cap` matching rows (a LIMIT under the count); above it the planner's row estimate. */
export async function cappedCount(db: Executor, where: SQL | undefined, cap: number): Promise<ListTotal> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from ${problems} where ${where ?? sql`true`} limit ${cap + 1}) capped`,
  );
  const n = row?.n ?? 0;
  if (n <= cap) return { total: n, totalExact: true };
  return { total: Math.max(cap + 1, roughly(await estimateRows(db, where))), totalExact: false };
}

/** The planner's estimate of the matching rows (EXPLAIN, nothing executed). */
async function estimateRows(db: Executor, where: SQL | undefined): Promise<number> {
  const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(
    db,
    sql`explain (format json) select 1 from ${problems} where ${where ?? sql`true`}`,
  );
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan?: { 'Plan Rows'?: number } }>;
  return Number(plan?.[0]?.Plan?.['Plan Rows'] ?? 0);
}

/** Two significant figures: an estimate should not look like a count. */
export function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

export async function listProblems(
  db: Executor,
  actor: Actor,
  f: ProblemFilter,
  dates: FilterDates,
  countCap = COUNT_CAP,
) {
  const d = dates.unitIds || actor.scope.kind === 'org' ? dates : await withScope(db, actor, dates);
  const where = filterWhere(actor, f, d);
  const order = f.sort === 'due' ? [sql`${problems.answerDue} asc nulls last`, desc(problems.id)] : [desc(problems.id)];
  const [rows, counted] = await Promise.all([
    baseSelect(db)
      .where(where)
      .orderBy(...order)
      .limit(f.pageSize)
      .offset(offsetOf(f)),
    cappedCount(db, where, countCap),
  ]);
  return { rows, ...counted };
}

export async function findProblemRow(db: Executor, actor: Actor, id: number) {
  const [row] = await db
    .select()
    .from(problems)
    .where(and(eq(problems.id, id), problemVisibleTo(actor)));
  return row;
}

/** One visible problem with the ledger's columns and what its detail adds (one scoped read). */
export async function findProblemDetailRow(db: Executor, actor: Actor, id: number) {
  const [row] = await db
    .select({ ...listColumns, description: problems.description, createdBy: problems.createdBy })
    .from(problems)
    .leftJoin(firm, eq(firm.id, problems.firmUnitId))
    .leftJoin(projects, eq(projects.id, problems.projectId))
    .leftJoin(lead, eq(lead.id, problems.leadDeptUnitId))
    .leftJoin(owner, eq(owner.id, problems.ownerUserId))
    .where(and(eq(problems.id, id), problemVisibleTo(actor)));
  return row;
}

/** The assignments of the listed problems, with department names and paths. */
export async function assignmentsOf(db: Executor, problemIds: number[]) {
  if (problemIds.length === 0) return [];
  return db
    .select({ a: problemAssignments, deptName: orgUnits.name, deptPath: orgUnits.path })
    .from(problemAssignments)
    .innerJoin(orgUnits, eq(orgUnits.id, problemAssignments.deptUnitId))
    .where(inArray(problemAssignments.problemId, problemIds))
    .orderBy(asc(problemAssignments.problemId), asc(problemAssignments.no));
}

export async function unitNames(
  db: Executor,
  ids: number[],
): Promise<Map<number, { name: string; path: string; kind: string }>> {
  const uniq = [...new Set(ids)].filter((x) => Number.isInteger(x));
  if (uniq.length === 0) return new Map();
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, kind: orgUnits.kind })
    .from(orgUnits)
    .where(inArray(orgUnits.id, uniq));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function userNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  const uniq = [...new Set(ids)].filter((x) => Number.isInteger(x));
  if (uniq.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, uniq));
  return new Map(rows.map((r) => [r.id, r.name]));
}
