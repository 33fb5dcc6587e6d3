import { can } from '../../actor.js';
import { chinaDate } from '../../../domain/dates.js';
import { timeApproval } from '../../../domain/approvals.js';
import type { HomeItem, HomeProvider } from '../home/index.js';
import { openWorkTimings } from './approval.repository.js';

/** A department's approval items past their promised working days. */
export const approvalsOverdue: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'approvals.handle') || actor.scope.kind !== 'dept') return [];
  const rows = await openWorkTimings(ctx.readDb, actor);
  const cal = await ctx.calendar.get();
  const today = chinaDate(ctx.clock.now());
  const n = rows.filter((r) => timeApproval(cal, r, today).status === 'overdue').length;
  const open = rows.length;
  const items: HomeItem[] = [];
  if (n)
    items.push({
      key: 'approvals-overdue',
      level: 'danger',
      title: { zh: `${n} 个审批事项已超过承诺时限`, en: `${n} approval items past their target` },
      count: n,
      link: '/approvals?status=overdue',
    });
  else if (open)
    items.push({
      key: 'approvals-open',
      level: 'info',
      title: { zh: `${open} 个审批事项在办`, en: `${open} approval items in progress` },
      count: open,
      link: '/approvals?status=open',
    });
  return items;
};

export const APPROVAL_HOME_PROVIDERS: HomeProvider[] = [approvalsOverdue];
