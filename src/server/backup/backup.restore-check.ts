import { desc, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { createAppContext, type AppContext, type Clock } from '../context.js';
import { queryRows, type Database } from '../db/client.js';
import { backupRuns } from '../db/schema/index.js';
import { auditKey } from '../audit/audit.key.js';
import { verifyAuditChain, type ChainReport } from '../audit/audit.verify.js';
import { recordAudit } from '../audit/audit.writer.js';
import { deriveBackupKeys } from '../crypto/backup-key.js';
import { refuse } from './backup.errors.js';
import type { BackupManifest } from './backup.manifest.js';
import { openBackupFile, restoreInto, type RestoreTarget } from './backup.restore.js';

export interface RestoreReport {
  ctx: AppContext;
  database: Database;
  manifest: BackupManifest;
  replaced: string | null;
  migrationsBefore: number;
  migrationsAfter: number;
  chain: ChainReport;
  counts: Record<string, { manifest: number; restored: number }>;
}

/**
 * `npm run restore`: checks the file (format, checksum, key, tag, version), restores into an empty
 * target, runs migrations forward, then checks the restored database against the manifest (row
 * counts, the audit chain's head and count) and recomputes the keyed audit chain. Any difference is
 * an error; on success one audit row `backup / restored` is written. The database is returned open.
 */
export async function restoreBackupFile(opts: {
  file: Buffer;
  fileName: string;
  masterHex: string;
  target: RestoreTarget;
  force: boolean;
  config: Config;
  log: FastifyBaseLogger;
  operator: string;
  clock?: Clock;
}): Promise<RestoreReport> {
  const keys = deriveBackupKeys(opts.masterHex);
  const decoded = openBackupFile(opts.file, keys);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  const restored = await restoreInto(decoded, opts.target, { force: opts.force, stamp });
  const { database, manifest, before } = restored;
  try {
    const ctx = createAppContext({
      database,
      config: opts.config,
      secretKeyHex: opts.masterHex,
      log: opts.log,
      ...(opts.clock ? { clock: opts.clock } : {}),
    });
    const counts: RestoreReport['counts'] = {};
    const differ: string[] = [];
    for (const [t, n] of Object.entries(manifest.counts)) {
      counts[t] = { manifest: n, restored: before.counts[t] ?? -1 };
      if (counts[t].restored !== n) differ.push(`${t} ${n}→${counts[t].restored}`);
    }
    if (before.audit.count !== manifest.audit.count || before.audit.head !== manifest.audit.head)
      differ.push(`audit head ${manifest.audit.count}→${before.audit.count}`);
    if (differ.length)
      throw refuse(
        'verify_failed',
        `恢复后的数据与备份清单不符：${differ.join('，')}`,
        `The restored data differs from the backup's manifest: ${differ.join(', ')}`,
      );
    const chain = await verifyAuditChain(database.db, { key: auditKey() });
    if (!chain.ok || chain.checked !== manifest.audit.count)
      throw refuse(
        'verify_failed',
        `恢复后的审计日志哈希链校验失败（第 ${chain.firstBad?.id ?? chain.checked + 1} 行）`,
        `The restored audit chain does not verify (row ${chain.firstBad?.id ?? chain.checked + 1})`,
      );
    const [migrationsAfter] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    await recordRestore(ctx, opts, manifest);
    return {
      ctx,
      database,
      manifest,
      replaced: restored.replaced,
      migrationsBefore: before.migrations.count,
      migrationsAfter: migrationsAfter?.n ?? 0,
      chain,
      counts,
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** The run that made this backup was 'running' when it was dumped: it is now known to be ok. */
async function recordRestore(
  ctx: AppContext,
  opts: { fileName: string; file: Buffer; operator: string },
  manifest: BackupManifest,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [own] = await tx
      .select({ id: backupRuns.id })
      .from(backupRuns)
      .where(eq(backupRuns.status, 'running'))
      .orderBy(desc(backupRuns.startedAt), desc(backupRuns.id))
      .limit(1);
    if (own)
      await tx
        .update(backupRuns)
        .set({
          status: 'ok',
          finishedAt: new Date(manifest.createdAt),
          fileName: opts.fileName,
          sizeBytes: opts.file.length,
        })
        .where(eq(backupRuns.id, own.id));
    await tx
      .update(backupRuns)
      .set({
        status: 'failed',
        finishedAt: ctx.clock.now(),
        error: 'interrupted: not finished when the backup was made',
      })
      .where(eq(backupRuns.status, 'running'));
    await recordAudit(
      tx,
      {
        userId: null,
        name: `server:restore (${opts.operator})`.slice(0, 120),
        scopePath: '/',
        ip: null,
        requestId: null,
      },
      {
        entity: 'backup',
        entityId: null,
        action: 'restored',
        after: {
          file: opts.fileName,
          createdAt: manifest.createdAt,
          appVersion: manifest.appVersion,
          auditCount: manifest.audit.count,
          counts: manifest.counts,
        },
      },
      ctx.clock.now(),
    );
  });
}
