import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { can } from '../../actor.js';
import { projects } from '../../db/schema/index.js';
import { chinaDate } from '../../../domain/dates.js';
import type { HomeItem, HomeProvider } from '../home/index.js';
import { DISPATCH_STAGES, defaultDispatchMonth, dispatchDueOn, dispatchState } from '../../../domain/dispatch.js';
import { projectVisibleTo } from './project.scope.js';

/** 包联领导 and 项目专员: the red and yellow projects in their charge. */
export const myWarnings: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'projects.read')) return [];
  const rows = await ctx.readDb
    .select({ colour: projects.warningColour, n: sql<number>`count(*)::int` })
    .from(projects)
    .where(
      and(
        or(eq(projects.leaderUserId, actor.userId), eq(projects.commissionerUserId, actor.userId)),
        inArray(projects.warningColour, ['red', 'yellow']),
      ),
    )
    .groupBy(projects.warningColour);
  const n = (c: string) => rows.find((r) => r.colour === c)?.n ?? 0;
  const items: HomeItem[] = [];
  if (n('red'))
    items.push({
      key: 'projects-red',
      level: 'danger',
      title: { zh: `我包联或负责的项目中 ${n('red')} 个红色预警`, en: `${n('red')} of my projects are red` },
      count: n('red'),
      link: '/projects?mine=true&colour=red',
    });
  if (n('yellow'))
    items.push({
      key: 'projects-yellow',
      level: 'warning',
      title: { zh: `我包联或负责的项目中 ${n('yellow')} 个黄色预警`, en: `${n('yellow')} of my projects are yellow` },
      count: n('yellow'),
      link: '/projects?mine=true&colour=yellow',
    });
  return items;
};

/** 月调度: the commissioner's reports to confirm; the organisation department's missing list. */
export const dispatchDue: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'dispatch.confirm')) return [];
  const today = chinaDate(ctx.clock.now());
  const month = defaultDispatchMonth(today);
  const manage = can(actor, 'dispatch.manage');
  const missing = sql`not exists (select 1 from dispatch_reports dr where dr.project_id = ${projects.id} and dr.month = ${month})`;
  const [row] = await ctx.readDb
    .select({ n: sql<number>`count(*)::int` })
    .from(projects)
    .where(
      and(
        inArray(projects.stage, DISPATCH_STAGES),
        missing,
        manage ? projectVisibleTo(actor) : eq(projects.commissionerUserId, actor.userId),
      ),
    );
  const n = row?.n ?? 0;
  if (!n) return [];
  const { dueOn } = dispatchDueOn(await ctx.calendar.get(), month);
  const overdue = dispatchState(false, dueOn, today) === 'overdue';
  const due = dueOn ? `（${dueOn} 前）` : '';
  return [
    manage
      ? {
          key: 'dispatch-missing',
          level: overdue ? 'warning' : 'info',
          title: {
            zh: `${month} 月调度报告${overdue ? '缺报' : '未确认'} ${n} 个${due}`,
            en: `${n} dispatch reports for ${month} ${overdue ? 'missing' : 'unconfirmed'}`,
          },
          count: n,
          link: `/dispatch?month=${month}&state=missing`,
        }
      : {
          key: 'dispatch-confirm',
          level: overdue ? 'danger' : 'warning',
          title: { zh: `${month} 月调度报告待确认 ${n} 个${due}`, en: `${n} dispatch reports for ${month} to confirm` },
          count: n,
          link: `/dispatch?month=${month}&mine=true&state=missing`,
        },
  ];
};

export const PROJECT_HOME_PROVIDERS: HomeProvider[] = [myWarnings, dispatchDue];
