import { eq } from 'drizzle-orm';
import type { Job } from '../jobs/scheduler.js';
import { backupRuns } from '../db/schema/index.js';
import { nightlySlot } from '../../domain/backup-retention.js';
import { isBackupRunning, runBackup } from './backup.service.js';
import { failStaleRuns } from './backup.runs.js';

const NIGHTLY = { userId: null, name: 'system:backup-nightly', scopePath: '/', ip: null, requestId: null };

/**
 * The nightly backup. Runs every 10 minutes and asks the database "has tonight's backup been made?":
 * the run claims its slot (nightly:<China date>, unique), so it runs once a night however many
 * servers there are, and a failure is recorded in backup_runs, audited and shown on the home page.
 */
export const nightlyBackupJob: Job = {
  name: 'nightly-backup',
  everyMs: 10 * 60_000,
  async run(ctx) {
    await failStaleRuns(ctx, 6 * 3_600_000);
    const slot = nightlySlot(ctx.clock.now(), ctx.config.backupHour);
    if (!slot || isBackupRunning()) return;
    const [done] = await ctx.db.select({ id: backupRuns.id }).from(backupRuns).where(eq(backupRuns.slot, slot));
    if (done) return;
    const out = await runBackup(ctx, NIGHTLY, 'nightly', slot);
    if (out?.result.status === 'ok') ctx.log.info({ file: out.result.fileName }, 'nightly backup written');
  },
};
