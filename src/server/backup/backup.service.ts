import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../context.js';
import type { AuditActor } from '../actor.js';
import { conflict } from '../errors.js';
import { planRetention } from '../../domain/backup-retention.js';
import { backupSourceOf, dumpDatabase } from './backup.dump.js';
import { FORMAT_VERSION, writeBackupFile } from './backup.format.js';
import type { BackupManifest } from './backup.manifest.js';
import { backupDirOf, backupFileName, parseBackupFileName } from './backup.paths.js';
import { finishRun, markRemoved, startRun, type BackupTrigger, type RunResult } from './backup.runs.js';
import { APP_VERSION } from './backup.version.js';

export interface BackupOutcome {
  runId: number;
  result: RunResult;
}

/** One backup at a time in this process (the UI button, the nightly job and `npm run backup` share it). */
let current: Promise<BackupOutcome | undefined> | undefined;

export const isBackupRunning = (): boolean => current !== undefined;

/**
 * Makes one online backup of the open database: records the run, dumps a consistent snapshot, writes
 * one encrypted file (temp name, then rename), applies retention, and records + audits the outcome
 * (ok or failed, with the error). With a `slot`, a run already claimed for it returns undefined.
 */
export async function runBackup(
  ctx: AppContext,
  who: AuditActor,
  trigger: BackupTrigger,
  slot: string | null = null,
  onStarted?: (runId: number) => void,
): Promise<BackupOutcome | undefined> {
  if (current)
    throw conflict({ zh: '已有一个备份正在进行，请稍后再试', en: 'A backup is already running; try again later' });
  const run = (async () => {
    const runId = await startRun(ctx, who, trigger, slot);
    if (runId === undefined) return undefined;
    onStarted?.(runId);
    let result: RunResult;
    try {
      result = await makeBackupFile(ctx);
    } catch (err) {
      ctx.log.error({ err, runId }, 'backup failed');
      result = { status: 'failed', error: (err as Error).message || String(err) };
    }
    await finishRun(ctx, who, runId, result);
    return { runId, result };
  })();
  current = run;
  try {
    return await run;
  } finally {
    current = undefined;
  }
}

/** Starts a backup and answers with its run id once recorded; the backup goes on in the background. */
export function startBackupInBackground(ctx: AppContext, who: AuditActor, trigger: BackupTrigger): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    runBackup(ctx, who, trigger, null, resolve).catch((err: unknown) => {
      reject(err as Error);
      ctx.log.error({ err }, 'backup could not be recorded');
    });
  });
}

/**
 * The dump goes to a file beside the backup, then is encrypted from it into the backup file (temp name,
 * then rename): both in chunks, so a backup's memory does not grow with the database (decision 033).
 */
async function makeBackupFile(ctx: AppContext): Promise<RunResult> {
  const dir = backupDirOf(ctx.config);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const createdAt = ctx.clock.now();
  let fileName = backupFileName(createdAt);
  for (let n = 2; existsSync(join(dir, fileName)); n++) fileName = backupFileName(createdAt, n);
  const path = join(dir, fileName);
  const tmp = `${path}.partial`;
  const dumpPath = `${path}.dump`;
  try {
    const { facts, bytes, sha256: dumpSha } = await dumpDatabase(backupSourceOf(ctx.db), dumpPath);
    const manifest: BackupManifest = {
      formatVersion: FORMAT_VERSION,
      appVersion: APP_VERSION,
      dbKind: ctx.dbKind,
      createdAt: createdAt.toISOString(),
      ...facts,
      dump: { format: ctx.dbKind === 'pglite' ? 'pglite-datadir-tgz' : 'pg_dump-custom', bytes, sha256: dumpSha },
    };
    const { sizeBytes, sha256 } = await writeBackupFile(
      tmp,
      ctx.backupKeys,
      { appVersion: APP_VERSION, createdAt: manifest.createdAt, dbKind: ctx.dbKind },
      manifest,
      { path: dumpPath, bytes },
    );
    renameSync(tmp, path);
    const removed = applyRetention(ctx, dir);
    await markRemoved(ctx, removed);
    return { status: 'ok', fileName, sizeBytes, sha256, manifest, removed };
  } finally {
    rmSync(dumpPath, { force: true });
    rmSync(tmp, { force: true });
  }
}

/** Deletes the backup files retention no longer keeps; returns their names. */
function applyRetention(ctx: AppContext, dir: string): string[] {
  const files = readdirSync(dir).flatMap((name) => {
    const at = parseBackupFileName(name);
    return at ? [{ name, at }] : [];
  });
  const { remove } = planRetention(files, ctx.clock.now(), ctx.config.backupKeep);
  for (const name of remove) rmSync(join(dir, name), { force: true });
  return remove;
}
