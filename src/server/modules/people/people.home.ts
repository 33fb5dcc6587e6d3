import { can } from '../../actor.js';
import { chinaDate } from '../../../domain/dates.js';
import { pipelineView } from '../../../domain/pipeline.js';
import { openPipelines } from './people.repository.js';
import { countTransfersToReceive } from './transfer.repository.js';
import { branchMemberCounts } from './branch-summary.repository.js';
import type { HomeItem, HomeProvider } from '../home/index.js';

/** Transfer letters addressed to an org in scope, waiting to be received. */
export const transfersToReceive: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'transfers.manage')) return [];
  const today = chinaDate(ctx.clock.now());
  const n = await countTransfersToReceive(ctx.readDb, actor, today);
  return n
    ? [
        {
          key: 'transfers-in',
          level: 'warning',
          title: { zh: `${n} 件组织关系转接待接收`, en: `${n} relation transfers to receive` },
          count: n,
          link: '/people/transfers?direction=in&status=issued',
        },
      ]
    : [];
};

/** 发展党员: statutory dates past or within two weeks, in the actor's scope. */
export const pipelineDue: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'people.write')) return [];
  const today = chinaDate(ctx.clock.now());
  const rows = await openPipelines(ctx.readDb, actor, { limit: 5000 });
  let overdue = 0;
  let soon = 0;
  let nextDue: string | undefined;
  for (const r of rows) {
    const next = pipelineView(r.dev, today).next;
    if (next?.status === 'overdue') overdue++;
    else if (next?.status === 'due_soon') soon++;
    if (next?.dueOn && next.dueOn >= today && (!nextDue || next.dueOn < nextDue)) nextDue = next.dueOn;
  }
  const items: HomeItem[] = [];
  if (overdue)
    items.push({
      key: 'pipeline-overdue',
      level: 'danger',
      title: { zh: `发展党员：${overdue} 人的时间节点已逾期`, en: `Pipeline: ${overdue} people past a statutory date` },
      count: overdue,
      link: '/people/pipeline',
    });
  if (soon)
    items.push({
      key: 'pipeline-due-soon',
      level: 'warning',
      title: { zh: `发展党员：${soon} 人的时间节点两周内到期`, en: `Pipeline: ${soon} people due within two weeks` },
      count: soon,
      link: '/people/pipeline',
    });
  // nothing due: the branch secretary still sees who is in the pipeline and when the next date falls
  if (!overdue && !soon && rows.length)
    items.push({
      key: 'pipeline-next',
      level: 'info',
      title: nextDue
        ? {
            zh: `发展党员：${rows.length} 人在培养中，最近的时间节点 ${nextDue}`,
            en: `Pipeline: ${rows.length} people; the next statutory date is ${nextDue}`,
          }
        : { zh: `发展党员：${rows.length} 人在培养中`, en: `Pipeline: ${rows.length} people` },
      count: rows.length,
      link: '/people/pipeline',
    });
  return items;
};

/** 支部书记: the branch's own members at a glance (never a blank home for the secretary). */
export const branchMembers: HomeProvider = async (ctx, actor) => {
  if (!actor.roles.includes('secretary') || !can(actor, 'people.read')) return [];
  const { full, probationary, participants } = await branchMemberCounts(ctx.readDb, actor, chinaDate(ctx.clock.now()));
  const n = full + probationary;
  const extra = participants
    ? {
        zh: `，另有 ${participants} 名外单位党员参加本支部活动`,
        en: `; ${participants} members of other organisations take part`,
      }
    : { zh: '', en: '' };
  return [
    {
      key: 'branch-members',
      level: 'info',
      title: {
        zh: `本支部党员 ${n} 名（正式党员 ${full}、预备党员 ${probationary}）${extra.zh}`,
        en: `The branch has ${n} members (${full} full, ${probationary} probationary)${extra.en}`,
      },
      count: n,
      link: '/people',
    },
  ];
};

export const PEOPLE_HOME_PROVIDERS: HomeProvider[] = [branchMembers, transfersToReceive, pipelineDue];
