import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.js';
import type { Actor } from '../../actor.js';
import { problems } from '../../db/schema/index.js';
import { projectVisibleTo } from '../projects/index.js';
import type { ProblemFilter } from './problem.repository.js';

/** The counts of one group (overall, a month, a lead department) as the statement returns them. */
export interface CountRow {
  total: number;
  closed: number;
  closed_on_time: number;
  open_overdue: number;
  feedback_due: number;
  feedback_on_time: number;
  ratings: number;
  satisfied: number;
  close_days_sum: number;
  close_days_count: number;
}
export type GroupedRow = CountRow & { month: string | null; dept_id: number | null; g_month: number; g_dept: number };
export interface DeptRow {
  dept_id: number;
  assigned: number;
  answered: number;
  on_time: number;
  overdue: number;
  returned: number;
  days_sum: number;
  days_n: number;
}
export interface StatRows {
  grouped: GroupedRow[];
  deptRows: DeptRow[];
}

const COUNT_KEYS = [
  'total',
  'closed',
  'closed_on_time',
  'open_overdue',
  'feedback_due',
  'feedback_on_time',
  'ratings',
  'satisfied',
  'close_days_sum',
  'close_days_count',
] as const;
const DEPT_KEYS = ['assigned', 'answered', 'on_time', 'overdue', 'returned', 'days_sum', 'days_n'] as const;

/**
 * The scope prefix whose counters answer this request, or undefined (read the rows): an organisation
 * actor at '/' or at a top-level unit, with no filter but the raising dates (what 办理统计 sends).
 * The triggers of migration problem_stat_counters keep a problem under '/' and its top-level unit.
 */
export function counterPrefix(actor: Actor, f: Omit<ProblemFilter, 'page' | 'pageSize'>): string | undefined {
  if (actor.scope.kind !== 'org' || !/^\/(\d+\/)?$/.test(actor.scope.path)) return undefined;
  const narrowed =
    f.q || f.status?.length || f.category || f.source || f.deptId || f.firmId || f.projectId || f.queue || f.mine;
  if (narrowed || f.overdue !== undefined) return undefined;
  return actor.scope.path;
}

/** "Not under this path" as two ranges of problems_scope_idx (byte order, as LIKE 'p%' is a range). */
export function outsideSubtree(path: string): SQL {
  const upper = path.slice(0, -1) + String.fromCharCode(path.charCodeAt(path.length - 1) + 1);
  return sql`(${problems.scopePath} ~<~ ${path} or ${problems.scopePath} ~>=~ ${upper})`;
}

/**
 * What the ledger shows this actor beyond its subtree: problems of visible projects whose scope
 * lies elsewhere (a project with no township is scoped '/'). Read from the rows; few.
 */
export function outsideWhere(actor: Actor, f: Pick<ProblemFilter, 'from' | 'to'>): SQL | undefined {
  if (actor.scope.path === '/') return undefined;
  const conds = [
    outsideSubtree(actor.scope.path),
    sql`${problems.projectId} in (select projects.id from projects where ${projectVisibleTo(actor)})`,
  ];
  if (f.from) conds.push(sql`${problems.raisedOn} >= ${f.from}`);
  if (f.to) conds.push(sql`${problems.raisedOn} <= ${f.to}`);
  return sql.join(conds, sql` and `);
}

/** The same rows as the scan of the subtree, summed from the counters: a few hundred rows, not the ledger. */
export async function counterRows(
  db: Executor,
  prefix: string,
  f: Pick<ProblemFilter, 'from' | 'to'>,
  today: string,
): Promise<StatRows> {
  const range = sql`scope_prefix = ${prefix}${f.from ? sql` and raised_on >= ${f.from}` : sql``}${f.to ? sql` and raised_on <= ${f.to}` : sql``}`;
  const month = sql`to_char(raised_on, 'YYYY-MM')`;
  const lead = sql`nullif(lead_dept_id, 0)`;
  const groups = sql`group by grouping sets ((), (${month}), (${lead}))`;
  const keys = sql`${month} as month, ${lead} as dept_id, grouping(${month})::int as g_month, grouping(${lead})::int as g_dept`;
  const [days, due, depts, deptDue] = await Promise.all([
    queryRows<GroupedRow>(
      db,
      sql`select ${keys}, sum(total)::int as total, sum(closed)::int as closed, sum(closed_on_time)::int as closed_on_time,
            sum(open_late)::int as open_overdue, sum(fed_back)::int as feedback_due, sum(feedback_on_time)::int as feedback_on_time,
            sum(ratings)::int as ratings, sum(satisfied)::int as satisfied, sum(close_days_sum)::int as close_days_sum,
            sum(close_days_count)::int as close_days_count
          from problem_stat_days where ${range} ${groups}`,
    ),
    queryRows<GroupedRow>(
      db,
      sql`select ${keys}, coalesce(sum(n) filter (where kind = 1), 0)::int as open_overdue,
            coalesce(sum(n) filter (where kind = 2), 0)::int as feedback_due
          from problem_stat_due where ${range} and due < ${today} ${groups}`,
    ),
    queryRows<DeptRow & { n: number }>(
      db,
      sql`select dept_unit_id as dept_id, sum(n)::int as n, sum(assigned)::int as assigned, sum(answered)::int as answered,
            sum(on_time)::int as on_time, 0 as overdue, sum(returned)::int as returned, sum(days_sum)::int as days_sum,
            sum(days_n)::int as days_n
          from problem_dept_stat_days where ${range} group by dept_unit_id having sum(n) > 0`,
    ),
    queryRows<{ dept_id: number; overdue: number }>(
      db,
      sql`select dept_unit_id as dept_id, sum(n)::int as overdue from problem_dept_stat_due
          where ${range} and due < ${today} group by dept_unit_id`,
    ),
  ]);
  // A counter row that went back to zero (a lead department changed) is not a group of the ledger.
  const grouped = mergeGrouped(days, due).filter((r) => r.total > 0 || (r.g_month === 1 && r.g_dept === 1));
  const overdue = new Map(deptDue.map((r) => [r.dept_id, r.overdue]));
  return {
    grouped,
    deptRows: depts.map(({ n: _n, ...r }) => ({ ...r, overdue: overdue.get(r.dept_id) ?? 0 })),
  };
}

const groupKey = (r: GroupedRow) => `${r.g_month}|${r.g_dept}|${r.month}|${r.dept_id}`;

/** Adds grouped counts by group (missing fields count 0). */
export function mergeGrouped(...sets: GroupedRow[][]): GroupedRow[] {
  const out = new Map<string, GroupedRow>();
  for (const rows of sets)
    for (const r of rows) {
      const k = groupKey(r);
      const acc =
        out.get(k) ??
        ({
          month: r.month,
          dept_id: r.dept_id,
          g_month: r.g_month,
          g_dept: r.g_dept,
          ...Object.fromEntries(COUNT_KEYS.map((c) => [c, 0])),
        } as GroupedRow);
      for (const c of COUNT_KEYS) acc[c] += Number(r[c] ?? 0);
      out.set(k, acc);
    }
  return [...out.values()];
}

/** Adds per-department counts by department. */
export function mergeDepts(...sets: DeptRow[][]): DeptRow[] {
  const out = new Map<number, DeptRow>();
  for (const rows of sets)
    for (const r of rows) {
      const acc = out.get(r.dept_id) ?? { dept_id: r.dept_id, ...Object.fromEntries(DEPT_KEYS.map((c) => [c, 0])) };
      for (const c of DEPT_KEYS) (acc as DeptRow)[c] += Number(r[c] ?? 0);
      out.set(r.dept_id, acc as DeptRow);
    }
  return [...out.values()];
}
