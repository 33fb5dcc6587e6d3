import { can } from '../../actor.js';
import { chinaDate } from '../../../domain/dates.js';
import type { HomeItem, HomeProvider } from './home.types.js';
import {
  countAuditSince,
  countFailedLoginsSince,
  countLockedAccounts,
  countAccountsByRole,
} from './home.repository.js';

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
  const n = await countLockedAccounts(ctx.readDb, ctx.clock.now());
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

/**
 * The audit administrator's day: today's records to review, failed logins among them (urgent when many).
 * Always one line, so the auditor's home is never blank.
 */
const auditToday: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'audit.read')) return [];
  const since = new Date(`${chinaDate(ctx.clock.now())}T00:00:00+08:00`);
  const [n, all] = await Promise.all([countFailedLoginsSince(ctx.readDb, since), countAuditSince(ctx.readDb, since)]);
  const items: HomeItem[] = [];
  if (n)
    items.push({
      key: 'failed-logins',
      level: n >= 20 ? 'danger' : 'warning',
      title: { zh: `今日登录失败 ${n} 次`, en: `${n} failed logins today` },
      count: n,
      link: '/audit?entity=auth',
    });
  items.push({
    key: 'audit-today',
    level: 'info',
    title: { zh: `今日审计记录 ${all} 条待查阅`, en: `${all} audit records today to review` },
    count: all,
    link: '/audit',
  });
  return items;
};

/**
 * The security administrator's line: accounts that can log in but hold no role wait for a grant; when none
 * does, the grants in force are there to review (never a blank home).
 */
const grantsToReview: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'roles.grant')) return [];
  const { active, withoutRole } = await countAccountsByRole(ctx.readDb);
  if (withoutRole)
    return [
      {
        key: 'users-without-role',
        level: 'warning',
        title: { zh: `${withoutRole} 个账号尚未授予角色`, en: `${withoutRole} accounts hold no role yet` },
        count: withoutRole,
        link: '/security/grants',
      },
    ];
  return [
    {
      key: 'grants-review',
      level: 'info',
      title: {
        zh: `${active} 个在用账号均已授予角色，可定期复核授权`,
        en: `All ${active} active accounts hold a role; review the grants from time to time`,
      },
      count: active,
      link: '/security/grants',
    },
  ];
};

/** Home's own providers (system reminders); the registry (modules/index.ts) adds every module's. */
export const SYSTEM_HOME_PROVIDERS: readonly HomeProvider[] = [
  calendarNextYear,
  lockedAccounts,
  auditToday,
  grantsToReview,
];
