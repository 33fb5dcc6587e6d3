import { and, sql } from 'drizzle-orm';
import { can } from '../../actor.js';
import { problems } from '../../db/schema/index.js';
import { registerAuditLabels } from '../audit/index.js';
import type { HomeItem, HomeProvider } from '../home/index.js';
import { filterWhere, withScope } from './problem.repository.js';
import { filterDates } from './problem.service.js';

registerAuditLabels(
  {
    problem: '问题',
    problem_dept_settings: '部门问题办理设置',
    problem_category_sla: '问题类别时限',
    problem_category_route: '问题类别承办部门',
    meeting: '联席会议',
  },
  {
    accept: '受理',
    hand_over: '移交',
    dispatch: '派单',
    sign: '签收',
    return: '退单',
    extension_request: '申请延期',
    extension_decide: '审批延期',
    answer: '答复',
    feedback: '反馈',
    rate: '评价',
    close: '关闭',
    close_by_meeting: '会议决定关闭',
    sla_reminder: '时限提醒',
    decision: '会议决定',
  },
);

/**
 * "What needs me now" from the problem ledger: for a department, dispatches to sign, due soon and
 * overdue; for the committee, problems to accept, to dispatch again, to feed back and extensions
 * to decide; for a firm, answers to rate.
 */
export const problemHome: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'problems.read')) return [];
  const cal = await ctx.calendar.get();
  const d = await withScope(ctx.readDb, actor, filterDates(cal, ctx.clock.now()));
  const count = async (f: Parameters<typeof filterWhere>[1], extra?: ReturnType<typeof sql>) => {
    const [r] = await ctx.readDb
      .select({ n: sql<number>`count(*)::int` })
      .from(problems)
      .where(and(filterWhere(actor, f, d), extra));
    return r?.n ?? 0;
  };
  const items: HomeItem[] = [];
  // the title is made from the count (every line of 工作台 says how many)
  const push = (n: number, item: (n: number) => Omit<HomeItem, 'count'>) =>
    n > 0 && items.push({ ...item(n), count: n });
  if (can(actor, 'problems.handle') && actor.scope.kind === 'dept') {
    push(await count({ queue: 'overdue' }), (n) => ({
      key: 'problems-overdue',
      level: 'danger',
      title: { zh: `${n} 件问题已逾期`, en: `${n} overdue problems` },
      link: '/problems/queue?queue=overdue',
    }));
    push(await count({ queue: 'due_soon' }), (n) => ({
      key: 'problems-due-soon',
      level: 'warning',
      title: { zh: `${n} 件问题即将到期`, en: `${n} problems due soon` },
      link: '/problems/queue?queue=due_soon',
    }));
    push(await count({ queue: 'to_sign' }), (n) => ({
      key: 'problems-to-sign',
      level: 'info',
      title: { zh: `${n} 件问题待签收`, en: `${n} problems to sign for` },
      link: '/problems/queue?queue=to_sign',
    }));
  }
  if (can(actor, 'problems.triage')) {
    push(await count({ status: ['submitted'] }), (n) => ({
      key: 'problems-to-accept',
      level: 'warning',
      title: { zh: `企业吹哨 ${n} 件待受理`, en: `${n} problems to accept` },
      link: '/problems/board',
    }));
    push(await count({ status: ['accepted', 'returned'], mine: 'owned' }), (n) => ({
      key: 'problems-to-dispatch',
      level: 'warning',
      title: { zh: `${n} 件问题待派单（含被退单）`, en: `${n} to dispatch (incl. returned)` },
      link: '/problems/board',
    }));
    push(await count({ status: ['answered'], mine: 'owned' }), (n) => ({
      key: 'problems-to-feedback',
      level: 'warning',
      title: { zh: `部门已答复 ${n} 件，待反馈企业`, en: `${n} answered; give feedback` },
      link: '/problems/board',
    }));
    push(
      await count(
        { mine: 'owned' },
        sql`exists (select 1 from problem_assignments x where x.problem_id = ${problems.id} and x.extension_pending)`,
      ),
      (n) => ({
        key: 'problems-extensions',
        level: 'info',
        title: { zh: `${n} 件延期申请待审批`, en: `${n} extension requests to decide` },
        link: '/problems/board',
      }),
    );
  }
  if (can(actor, 'problems.rate')) {
    const own = actor.scope.kind === 'firm' ? {} : { mine: 'raised' as const };
    push(await count({ ...own, status: ['fed_back'] }), (n) => ({
      key: 'problems-to-rate',
      level: 'info',
      title: { zh: `${n} 件问题已答复，待您评价`, en: `${n} answers to rate` },
      link: '/problems/mine?status=fed_back',
    }));
    push(
      await count({ ...own, status: ['submitted', 'accepted', 'returned', 'dispatched', 'in_progress', 'answered'] }),
      (n) => ({
        key: 'problems-raised-open',
        level: 'info',
        title:
          actor.scope.kind === 'firm'
            ? { zh: `本企业提出的问题 ${n} 件正在办理`, en: `${n} problems of the firm are being handled` }
            : { zh: `我提出的问题 ${n} 件正在办理`, en: `${n} of my problems are being handled` },
        link: '/problems/mine',
      }),
    );
  }
  // 支部书记 (reads the ledger, no step of his own): the problems of the projects his branch serves.
  if (actor.roles.includes('secretary') && !can(actor, 'problems.triage') && !can(actor, 'problems.handle')) {
    const open = { status: ['submitted', 'accepted', 'returned', 'dispatched', 'in_progress', 'answered'] };
    const late = await count({ ...open, overdue: true });
    push(await count(open), (n) => ({
      key: 'problems-branch-open',
      level: late ? 'warning' : 'info',
      title: late
        ? {
            zh: `联系项目的问题 ${n} 件正在办理，其中 ${late} 件已逾期`,
            en: `${n} problems of the branch's projects open, ${late} overdue`,
          }
        : { zh: `联系项目的问题 ${n} 件正在办理`, en: `${n} problems of the branch's projects are being handled` },
      link: '/problems',
    }));
  }
  return items;
};
