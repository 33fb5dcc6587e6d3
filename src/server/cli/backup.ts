import { userInfo, hostname } from 'node:os';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { configOrExit } from './open.js';
import { databaseOptionsFromConfig, openDatabase, type Database } from '../db/client.js';
import { DataDirLockedError } from '../db/lock.js';
import { migrateDatabase } from '../db/migrate.js';
import { createAppContext } from '../context.js';
import { loadSecretKey } from '../crypto/secret-key.js';
import { deriveBackupKeys } from '../crypto/backup-key.js';
import { runBackup } from '../backup/backup.service.js';
import { requestBackup } from '../backup/backup.trigger.js';
import { backupDirOf } from '../backup/backup.paths.js';
import type { RunResult } from '../backup/backup.runs.js';

/**
 * npm run backup — one online backup now. PostgreSQL: made here (pg_dump). Embedded database: when
 * a server holds the data directory, it is asked over its local trigger socket to make the backup
 * (only the holder may read the data); when none runs, this process opens the data directory itself.
 */
const config = configOrExit();
const operator = `${userInfo().username}@${hostname()}`;
const masterHex = loadSecretKey(config);
const dir = backupDirOf(config);

function print(result: RunResult | undefined, via: string): void {
  if (!result) {
    console.error('备份未执行 / no backup was made');
    process.exitCode = 1;
  } else if (result.status === 'ok') {
    const m = result.manifest;
    console.log(
      `备份完成 / backup written (${via}): ${dir}/${result.fileName}\n` +
        `  ${(result.sizeBytes / 1e6).toFixed(1)} MB, sha256 ${result.sha256}\n` +
        `  ${m.dbKind}, ${m.migrations.count} migrations, audit ${m.audit.count} rows, ` +
        Object.entries(m.counts)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ') +
        (result.removed.length ? `\n  按保留策略删除 / removed by retention: ${result.removed.join(', ')}` : ''),
    );
  } else {
    console.error(`备份失败 / backup FAILED (${via}): ${result.error}`);
    process.exitCode = 1;
  }
}

let database: Database | undefined;
try {
  database = await openDatabase(databaseOptionsFromConfig(config, 'backup'));
} catch (e) {
  if (!(e instanceof DataDirLockedError)) {
    console.error(`无法打开数据库 / cannot open the database: ${(e as Error).message}`);
    process.exit(4);
  }
}
if (!database) {
  const reply = await requestBackup(config.dataDir, deriveBackupKeys(masterHex).trigger, operator);
  if (!reply) {
    console.error(
      '数据目录被另一个进程占用，且它不接受备份请求 / the data directory is held by a process that does not take backup requests',
    );
    process.exit(3);
  }
  if (!reply.ok) {
    console.error(`服务器拒绝了备份请求 / the server refused: ${reply.error}`);
    process.exit(1);
  }
  print(reply.result, 'made by the running server');
} else {
  try {
    await migrateDatabase(database);
    const log = pino({ level: 'warn' }) as unknown as FastifyBaseLogger;
    const ctx = createAppContext({ database, config, secretKeyHex: masterHex, log });
    const who = { userId: null, name: `server:backup (${operator})`, scopePath: '/', ip: null, requestId: null };
    const out = await runBackup(ctx, who, 'cli');
    print(out?.result, database.kind === 'pglite' ? 'data directory opened by this command' : 'pg_dump');
  } finally {
    await database.close();
  }
}
