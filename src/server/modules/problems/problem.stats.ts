import { inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { queryRows, type Executor } from '../../db/client.js';
import { orgUnits, problemAssignments, problems } from '../../db/schema/index.js';
import { EMPTY_COUNTS, ledgerRates, ratio, type LedgerCounts } from '../../../domain/problem-stats.js';
import { filterWhere, openOverdueSql, withScope, type ProblemFilter } from './problem.repository.js';
import { filterDates } from './problem.service.js';
import type { ProblemStats } from '../../../shared/api/problems.js';
import {
  counterPrefix,
  counterRows,
  mergeDepts,
  mergeGrouped,
  outsideWhere,
  type CountRow,
  type DeptRow,
  type GroupedRow,
  type StatRows,
} from './problem.stats.counters.js';

const FINAL = sql`${problems.status} in ('rated','closed')`;

/** One pass over the scoped problems: every count the rates need, with FILTER clauses. */
function countColumns(today: string) {
  return sql`count(*)::int as total,
    count(*) filter (where ${FINAL})::int as closed,
    count(*) filter (where ${FINAL} and ${problems.onTime})::int as closed_on_time,
    count(*) filter (where ${openOverdueSql(today)})::int as open_overdue,
    count(*) filter (where ${problems.fedBackAt} is not null or (not ${FINAL} and ${problems.feedbackDue} < ${today}))::int as feedback_due,
    count(*) filter (where ${problems.feedbackOnTime})::int as feedback_on_time,
    coalesce(sum(${problems.ratingsTotal}), 0)::int as ratings,
    coalesce(sum(${problems.ratingsSatisfied}), 0)::int as satisfied,
    coalesce(sum(${problems.closeWorkingDays}) filter (where ${FINAL}), 0)::int as close_days_sum,
    count(${problems.closeWorkingDays}) filter (where ${FINAL})::int as close_days_count`;
}

const toCounts = (r: CountRow | undefined): LedgerCounts =>
  r
    ? {
        total: r.total,
        closed: r.closed,
        closedOnTime: r.closed_on_time,
        openOverdue: r.open_overdue,
        feedbackDue: r.feedback_due,
        feedbackOnTime: r.feedback_on_time,
        ratings: r.ratings,
        satisfied: r.satisfied,
        closeDaysSum: r.close_days_sum,
        closeDaysCount: r.close_days_count,
      }
    : EMPTY_COUNTS;

/** One pass over the matching problems (GROUPING SETS) and one over their assignments: the rows' way. */
export async function scanRows(db: Executor, where: SQL, today: string): Promise<StatRows> {
  const month = sql`to_char(${problems.raisedOn}, 'YYYY-MM')`;
  const [grouped, deptRows] = await Promise.all([
    queryRows<GroupedRow>(
      db,
      sql`select ${month} as month, ${problems.leadDeptUnitId} as dept_id, grouping(${month})::int as g_month, grouping(${problems.leadDeptUnitId})::int as g_dept, ${countColumns(today)}
          from ${problems} where ${where}
          group by grouping sets ((), (${month}), (${problems.leadDeptUnitId}))`,
    ),
    // Aggregated by id first, named afterwards: joining every assignment to org_units costs a hash join.
    queryRows<DeptRow>(
      db,
      sql`select pa.dept_unit_id as dept_id,
            count(*) filter (where pa.status <> 'returned')::int as assigned,
            count(*) filter (where pa.status = 'answered')::int as answered,
            count(*) filter (where pa.status = 'answered' and pa.answer_on_time)::int as on_time,
            count(*) filter (where pa.status in ('to_sign','in_hand') and pa.answer_due < ${today})::int as overdue,
            count(*) filter (where pa.status = 'returned')::int as returned,
            coalesce(sum(pa.answer_working_days) filter (where pa.status = 'answered'), 0)::int as days_sum,
            count(pa.answer_working_days) filter (where pa.status = 'answered')::int as days_n
          from ${problemAssignments} pa
          join ${problems} on ${problems.id} = pa.problem_id
          where ${where}
          group by 1`,
    ),
  ]);
  return { grouped, deptRows };
}

/**
 * 按期办结率, 限期反馈率, 满意率 and average working days to close — overall, per month raised and
 * per department — over exactly the problems the ledger lists with the same filters.
 */
export async function problemStats(
  ctx: AppContext,
  actor: Actor,
  f: Omit<ProblemFilter, 'page' | 'pageSize'>,
  opts: { counters?: boolean } = {},
): Promise<ProblemStats> {
  const cal = await ctx.calendar.get();
  const d = await withScope(ctx.readDb, actor, filterDates(cal, ctx.clock.now()));
  const prefix = opts.counters === false ? undefined : counterPrefix(actor, f);
  let grouped: GroupedRow[];
  let deptRows: DeptRow[];
  if (prefix !== undefined) {
    // The subtree from the counters (decision 034), what lies outside it from the rows.
    const outside = outsideWhere(actor, f);
    const [inside, rest] = await Promise.all([
      counterRows(ctx.readDb, prefix, f, d.today),
      outside ? scanRows(ctx.readDb, outside, d.today) : { grouped: [], deptRows: [] },
    ]);
    grouped = mergeGrouped(inside.grouped, rest.grouped);
    deptRows = mergeDepts(inside.deptRows, rest.deptRows);
  } else {
    ({ grouped, deptRows } = await scanRows(ctx.readDb, filterWhere(actor, f, d) as SQL, d.today));
  }
  const overallRows = grouped.filter((r) => r.g_month === 1 && r.g_dept === 1);
  const monthRows = grouped
    .filter((r) => r.g_month === 0 && r.g_dept === 1)
    .sort((a, b) => String(a.month).localeCompare(String(b.month)));
  const leadRows = grouped.filter((r) => r.g_month === 1 && r.g_dept === 0 && r.dept_id !== null) as Array<
    CountRow & { dept_id: number }
  >;
  const withRates = (c: LedgerCounts) => ({ ...c, ...ledgerRates(c) });
  const lead = new Map(leadRows.map((r) => [r.dept_id, toCounts(r)]));
  const names = deptRows.length
    ? new Map(
        (
          await ctx.readDb
            .select({ id: orgUnits.id, name: orgUnits.name })
            .from(orgUnits)
            .where(
              inArray(
                orgUnits.id,
                deptRows.map((r) => r.dept_id),
              ),
            )
        ).map((u) => [u.id, u.name]),
      )
    : new Map<number, string>();
  const collator = new Intl.Collator('zh-CN');
  return {
    asOf: d.today,
    overall: withRates(toCounts(overallRows[0])),
    byMonth: monthRows.map((r) => ({ month: String(r.month), ...withRates(toCounts(r)) })),
    byDept: deptRows
      .map((r) => {
        const c = lead.get(r.dept_id) ?? EMPTY_COUNTS;
        return {
          deptId: r.dept_id,
          name: names.get(r.dept_id) ?? '',
          assigned: r.assigned,
          answered: r.answered,
          answeredOnTime: r.on_time,
          openOverdue: r.overdue,
          returned: r.returned,
          avgAnswerWorkingDays: r.days_n ? Math.round((r.days_sum / r.days_n) * 10) / 10 : null,
          answerOnTimeRate: ratio(r.on_time, r.answered + r.overdue),
          ...ledgerRates(c),
        };
      })
      .sort((a, b) => collator.compare(a.name, b.name)),
    formula: {
      zh: '按期办结率 = 按期办结数 ÷（全部办结数 + 未办结但已逾期数）；限期反馈率 = 按时反馈数 ÷ 已到反馈时限数；满意率 = （满意 + 基本满意）÷ 评价次数；办结用时按工作日计（自提出之日起）',
      en: 'On-time rate = closed on time ÷ (all closed + open overdue); feedback rate = fed back on time ÷ feedback due; satisfaction = (satisfied + basically satisfied) ÷ ratings; days to close in working days from raising',
    },
  };
}
