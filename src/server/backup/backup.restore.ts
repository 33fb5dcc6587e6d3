import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, pgliteHoldingLock, PGLITE_EXTENSIONS, type Database } from '../db/client.js';
import { acquireDataDirLock } from '../db/lock.js';
import { migrateDatabase } from '../db/migrate.js';
import type { BackupKeys } from '../crypto/backup-key.js';
import { decodeBackup, type BackupHeader } from './backup.format.js';
import { knownMigrations, readSnapshotFacts, type BackupManifest } from './backup.manifest.js';
import { refuse } from './backup.errors.js';
import { pgEnvOf, runTool } from './backup.dump.js';

export type RestoreTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface RestoredDatabase {
  database: Database;
  header: BackupHeader;
  manifest: BackupManifest;
  /** What was moved aside with --force (PGlite), or dropped (PostgreSQL). */
  replaced: string | null;
}

/** Checks the file (format, checksum, key, tag, migrations) before anything is touched. */
export function openBackupFile(
  file: Buffer,
  keys: BackupKeys,
): { header: BackupHeader; manifest: BackupManifest; dump: Buffer } {
  const decoded = decodeBackup(file, keys);
  const known = knownMigrations();
  const maxKnown = Math.max(...known.map((m) => m.when));
  const unknown = decoded.manifest.migrations.tags.filter((t) => t.startsWith('unknown:'));
  if (unknown.length > 0 || (decoded.manifest.migrations.lastWhen ?? 0) > maxKnown)
    throw refuse(
      'newer_migrations',
      `该备份来自更新版本的先锋（数据库迁移 ${decoded.manifest.migrations.count} 个，本程序只认识 ${known.length} 个；应用版本 ${decoded.manifest.appVersion}）：请用该版本或更新版本恢复。`,
      `This backup comes from a newer Xianfeng (${decoded.manifest.migrations.count} migrations applied, this program knows ${known.length}; app ${decoded.manifest.appVersion}): restore it with that version or newer.`,
    );
  return decoded;
}

/**
 * Restores a checked backup into an empty target (refused when not empty unless `force`), then runs
 * the migrations forward. The caller verifies counts and the audit chain on the returned database.
 */
export async function restoreInto(
  decoded: { header: BackupHeader; manifest: BackupManifest; dump: Buffer },
  target: RestoreTarget,
  opts: { force: boolean; stamp: string },
): Promise<RestoredDatabase & { before: Awaited<ReturnType<typeof readSnapshotFacts>> }> {
  const { manifest } = decoded;
  if (manifest.dbKind !== target.kind)
    throw refuse(
      'kind_mismatch',
      manifest.dbKind === 'pglite'
        ? '这是内置数据库（PGlite）的备份，只能恢复到数据目录：请去掉 DATABASE_URL，设置 XIANFENG_DATA_DIR。'
        : '这是 PostgreSQL 的备份，只能恢复到 PostgreSQL 数据库：请设置 DATABASE_URL。',
      manifest.dbKind === 'pglite'
        ? 'This is an embedded-database (PGlite) backup: it restores into a data directory (unset DATABASE_URL).'
        : 'This is a PostgreSQL backup: it restores into a PostgreSQL database (set DATABASE_URL).',
    );
  return target.kind === 'pglite'
    ? restorePglite(decoded, target.dataDir, opts)
    : restorePostgres(decoded, target.url, opts);
}

async function restorePglite(
  decoded: { header: BackupHeader; manifest: BackupManifest; dump: Buffer },
  dataDir: string,
  opts: { force: boolean; stamp: string },
) {
  const lock = await acquireDataDirLock(dataDir, 'restore');
  try {
    const dir = join(resolve(dataDir), 'pglite');
    let replaced: string | null = null;
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      if (!opts.force) throw notEmpty(dir);
      replaced = `${dir}.before-restore-${opts.stamp}`;
      renameSync(dir, replaced);
    }
    mkdirSync(dir, { recursive: true });
    const client = await PGlite.create(dir, {
      loadDataDir: new Blob([new Uint8Array(decoded.dump)]),
      extensions: PGLITE_EXTENSIONS,
    });
    const before = await readSnapshotFacts(async (q) => (await client.query<Record<string, unknown>>(q)).rows);
    const database = pgliteHoldingLock(client, lock);
    await migrateDatabase(database);
    return { database, header: decoded.header, manifest: decoded.manifest, replaced, before };
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function restorePostgres(
  decoded: { header: BackupHeader; manifest: BackupManifest; dump: Buffer },
  url: string,
  opts: { force: boolean; stamp: string },
) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  let replaced: string | null = null;
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema')`,
    );
    if ((rows[0]?.n ?? 0) > 0) {
      const where = `${new URL(url).pathname.slice(1)} @ ${new URL(url).host}`;
      if (!opts.force) throw notEmpty(where);
      await client.query('drop schema if exists drizzle cascade');
      await client.query('drop schema public cascade');
      await client.query('create schema public');
      replaced = where;
    }
  } finally {
    await client.end();
  }
  const tmp = mkdtempSync(join(tmpdir(), 'xf-restore-'));
  try {
    const dumpFile = join(tmp, 'dump.pgc');
    writeFileSync(dumpFile, decoded.dump, { mode: 0o600 });
    const { dbUrl, env } = pgEnvOf(url);
    await runTool('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', `--dbname=${dbUrl}`, dumpFile], env);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const database = await openDatabase({ kind: 'postgres', url });
  try {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => undefined);
    await c.connect();
    let before;
    try {
      before = await readSnapshotFacts(async (q) => (await c.query<Record<string, unknown>>(q)).rows);
    } finally {
      await c.end();
    }
    await migrateDatabase(database);
    return { database, header: decoded.header, manifest: decoded.manifest, replaced, before };
  } catch (e) {
    await database.close();
    throw e;
  }
}

function notEmpty(where: string) {
  return refuse(
    'target_not_empty',
    `恢复目标 ${where} 不是空的：为防止覆盖现有数据，已拒绝。确认要替换时加 --force（内置数据库的旧目录会改名保留）。`,
    `The restore target ${where} is not empty: refused so nothing is overwritten. Add --force to replace it (an embedded database's old directory is kept under a new name).`,
  );
}
