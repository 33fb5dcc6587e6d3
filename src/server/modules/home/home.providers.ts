import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { auditLog, loginAttempts, notifications } from '../../db/schema/index.js';
import { can } from '../../actor.js';
import { chinaDate } from '../../../domain/dates.js';
import type { HomeProvider } from './home.types.js';
import { problemHome } from '../problems/index.js';
import { PROJECT_HOME_PROVIDERS } from '../projects/index.js';
import { APPROVAL_HOME_PROVIDERS } from '../approvals/index.js';
import { COVERAGE_HOME_PROVIDERS } from '../orgs/index.js';
import { PEOPLE_HOME_PROVIDERS } from '../people/index.js';
import { backupHome } from '../backups/index.js';

const inbox: HomeProvider = async (ctx, actor) => {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  const n = row?.n ?? 0;
  return n
    ? [
        {
          key: 'inbox',
          level: 'info',
          title: { zh: `${n} 条未读消息`, en: `${n} unread messages` },
          count: n,
          link: '/inbox',
        },
      ]
    : [];
};

/** The State Council publishes next year's schedule in November; remind the administrator to load it. */
const calendarNextYear: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'calendar.write')) return [];
  const today = chinaDate(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const cal = await ctx.calendar.get();
  const items = [];
  if (!cal.years.has(year))
    items.push({
      key: 'calendar-this-year',
      level: 'danger' as const,
      title: {
        zh: `${year} 年节假日安排未导入：本年期限均为暂定（按周末计算），请尽快导入`,
        en: `The ${year} holiday schedule is not loaded: this year's deadlines are provisional`,
      },
      link: '/admin/calendar',
    });
  if (today.slice(5) >= '11-01' && !cal.years.has(year + 1))
    items.push({
      key: 'calendar-next-year',
      level: 'warning' as const,
      title: {
        zh: `${year + 1} 年节假日安排尚未导入：落在 ${year + 1} 年的期限暂按周末计算（暂定）。国务院办公厅通知发布后，请在“工作日历”粘贴通知导入`,
        en: `The ${year + 1} holiday schedule is not loaded: deadlines in ${year + 1} are provisional. Paste the State Council notice on the calendar page once published`,
      },
      link: '/admin/calendar',
    });
  return items;
};

const lockedAccounts: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'users.write')) return [];
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(gt(loginAttempts.lockedUntil, ctx.clock.now()));
  const n = row?.n ?? 0;
  return n
    ? [
        {
          key: 'locked',
          level: 'warning',
          title: { zh: `${n} 个账号因密码错误被锁定`, en: `${n} accounts locked` },
          count: n,
          link: '/admin/users?status=locked',
        },
      ]
    : [];
};

const failedLoginsToday: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'audit.read')) return [];
  const since = new Date(`${chinaDate(ctx.clock.now())}T00:00:00+08:00`);
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, 'auth'),
        sql`${auditLog.action} in ('login_failed','account_locked')`,
        gt(auditLog.at, since),
      ),
    );
  const n = row?.n ?? 0;
  return n
    ? [
        {
          key: 'failed-logins',
          level: n >= 20 ? 'danger' : 'info',
          title: { zh: `今日登录失败 ${n} 次`, en: `${n} failed logins today` },
          count: n,
          link: '/audit?entity=auth',
        },
      ]
    : [];
};

/** Modules add their providers here (to sign, due soon, overdue, to confirm …). */
export const HOME_PROVIDERS: HomeProvider[] = [
  inbox,
  calendarNextYear,
  lockedAccounts,
  failedLoginsToday,
  problemHome,
  ...PROJECT_HOME_PROVIDERS,
  ...APPROVAL_HOME_PROVIDERS,
];
HOME_PROVIDERS.push(...COVERAGE_HOME_PROVIDERS);
HOME_PROVIDERS.push(...PEOPLE_HOME_PROVIDERS);
HOME_PROVIDERS.push(backupHome);
