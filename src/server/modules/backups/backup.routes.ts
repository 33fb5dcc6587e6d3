import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { auditActorOf } from '../../actor.js';
import { backupsApi } from '../../../shared/api/backups.js';
import { routeSchema } from '../../http/contract.js';
import { backupDirOf } from '../../backup/backup.paths.js';
import { isBackupRunning, startBackupInBackground } from '../../backup/backup.service.js';
import { lastRun, listRuns } from '../../backup/backup.runs.js';
import { presentRun } from './backup.presenter.js';

/** 系统管理 → 数据备份: the list of runs and 立即备份 (system administrator only). */
export async function backupRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['backups'];

  r.get('/api/backups', {
    config: { permission: 'backups.manage' },
    schema: {
      tags,
      summary: '备份记录 / backup runs',
      ...routeSchema(backupsApi['GET /api/backups']),
    },
    handler: async (req) => {
      const ok = await lastRun(ctx.db, 'ok');
      const okAt = ok?.finishedAt ?? ok?.startedAt;
      return {
        dir: backupDirOf(ctx.config),
        hour: ctx.config.backupHour,
        keep: ctx.config.backupKeep,
        running: isBackupRunning(),
        lastOk: ok ? presentRun(ok) : null,
        lastOkAgeHours: okAt ? Math.round((ctx.clock.now().getTime() - okAt.getTime()) / 360_000) / 10 : null,
        runs: (await listRuns(ctx.db, req.query.limit)).map(presentRun),
      };
    },
  });

  r.post('/api/backups', {
    config: { permission: 'backups.manage' },
    schema: {
      tags,
      summary: '立即备份 / start a backup now (runs in the background; poll the list)',
      ...routeSchema(backupsApi['POST /api/backups']),
    },
    handler: async (req) => ({ runId: await startBackupInBackground(ctx, auditActorOf(actorOf(req)), 'ui') }),
  });
}
