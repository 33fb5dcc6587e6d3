import { and, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { AuditActor } from '../actor.js';
import type { Executor } from '../db/client.js';
import { backupRuns } from '../db/schema/index.js';
import { recordAudit } from '../audit/audit.writer.js';
import type { BackupManifest } from './backup.manifest.js';

export type BackupTrigger = 'nightly' | 'ui' | 'cli';
export type BackupRun = typeof backupRuns.$inferSelect;

/** Records the start of a run; with a slot, only the first claimant gets a row (undefined: taken). */
export async function startRun(
  ctx: AppContext,
  who: AuditActor,
  trigger: BackupTrigger,
  slot: string | null,
): Promise<number | undefined> {
  const [row] = await ctx.db
    .insert(backupRuns)
    .values({
      slot,
      trigger,
      startedBy: who.userId,
      startedByName: who.name,
      startedAt: ctx.clock.now(),
      status: 'running',
      dbKind: ctx.dbKind,
    })
    .onConflictDoNothing()
    .returning({ id: backupRuns.id });
  return row?.id;
}

export type RunResult =
  | { status: 'ok'; fileName: string; sizeBytes: number; sha256: string; manifest: BackupManifest; removed: string[] }
  | { status: 'failed'; error: string };

/** Finishes the run row and audits it (ok or failed, with the error) in one transaction. */
export async function finishRun(ctx: AppContext, who: AuditActor, runId: number, result: RunResult): Promise<void> {
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (result.status === 'ok') {
      await tx
        .update(backupRuns)
        .set({
          status: 'ok',
          finishedAt: at,
          fileName: result.fileName,
          sizeBytes: result.sizeBytes,
          sha256: result.sha256,
          manifest: result.manifest,
        })
        .where(eq(backupRuns.id, runId));
    } else {
      await tx
        .update(backupRuns)
        .set({ status: 'failed', finishedAt: at, error: result.error.slice(0, 2000) })
        .where(eq(backupRuns.id, runId));
    }
    await recordAudit(
      tx,
      who,
      {
        entity: 'backup',
        entityId: runId,
        action: result.status === 'ok' ? 'backup_ok' : 'backup_failed',
        after:
          result.status === 'ok'
            ? {
                file: result.fileName,
                sizeBytes: result.sizeBytes,
                sha256: result.sha256,
                auditCount: result.manifest.audit.count,
                removedByRetention: result.removed,
              }
            : { error: result.error.slice(0, 500) },
      },
      at,
    );
  });
}

/** Marks the runs whose files retention deleted. */
export async function markRemoved(ctx: AppContext, names: string[]): Promise<void> {
  for (const name of names)
    await ctx.db
      .update(backupRuns)
      .set({ removedAt: ctx.clock.now() })
      .where(and(eq(backupRuns.fileName, name), isNull(backupRuns.removedAt)));
}

/** A run left 'running' by a process that died is failed after `maxMs` (so the UI does not wait forever). */
export async function failStaleRuns(ctx: AppContext, maxMs: number): Promise<void> {
  const before = new Date(ctx.clock.now().getTime() - maxMs);
  await ctx.db
    .update(backupRuns)
    .set({ status: 'failed', finishedAt: ctx.clock.now(), error: 'interrupted: the process stopped during the backup' })
    .where(and(eq(backupRuns.status, 'running'), lt(backupRuns.startedAt, before)));
}

export async function listRuns(db: Executor, limit: number): Promise<BackupRun[]> {
  return db.select().from(backupRuns).orderBy(desc(backupRuns.startedAt), desc(backupRuns.id)).limit(limit);
}

/** The newest run that ended ok (or, with 'finished', ended either way). */
export async function lastRun(db: Executor, which: 'ok' | 'finished'): Promise<BackupRun | undefined> {
  const [row] = await db
    .select()
    .from(backupRuns)
    .where(which === 'ok' ? eq(backupRuns.status, 'ok') : inArray(backupRuns.status, ['ok', 'failed']))
    .orderBy(desc(backupRuns.startedAt), desc(backupRuns.id))
    .limit(1);
  return row;
}
