import { can } from '../../actor.js';
import type { HomeProvider } from '../home/index.js';
import { lastRun } from '../../backup/backup.runs.js';

const STALE_HOURS = 36;

/** The system administrator is warned when the last backup failed or none succeeded in 36 hours. */
export const backupHome: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'backups.manage')) return [];
  const last = await lastRun(ctx.readDb, 'finished');
  if (last?.status === 'failed')
    return [
      {
        key: 'backup-failed',
        level: 'danger',
        title: {
          zh: `最近一次数据备份失败（${last.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC）：${(last.error ?? '').slice(0, 80)}`,
          en: `The last backup failed (${last.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC): ${(last.error ?? '').slice(0, 80)}`,
        },
        link: '/admin/backups',
      },
    ];
  const ok = await lastRun(ctx.readDb, 'ok');
  const at = ok?.finishedAt ?? ok?.startedAt;
  const hours = at ? (ctx.clock.now().getTime() - at.getTime()) / 3_600_000 : Infinity;
  if (hours <= STALE_HOURS) return [];
  return [
    {
      key: 'backup-stale',
      level: 'warning',
      title: at
        ? {
            zh: `已超过 ${STALE_HOURS} 小时没有成功的数据备份（上次 ${Math.floor(hours)} 小时前）`,
            en: `No successful backup for more than ${STALE_HOURS} hours (last ${Math.floor(hours)} h ago)`,
          }
        : { zh: '尚无成功的数据备份', en: 'No successful backup yet' },
      link: '/admin/backups',
    },
  ];
};
