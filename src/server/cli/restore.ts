import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { configOrExit } from './open.js';
import { DataDirLockedError } from '../db/lock.js';
import { anchorFileOf } from '../audit/audit.anchor.js';
import { BackupError } from '../backup/backup.errors.js';
import { restoreBackupFile } from '../backup/backup.restore-check.js';
import { trimAnchorsAfterRestore } from '../backup/backup.anchors.js';

/**
 * npm run restore -- --file F [--force] — restores a backup into the configured, empty data
 * directory (XIANFENG_DATA_DIR) or PostgreSQL database (DATABASE_URL). Needs the master secret the
 * backup was made with (XIANFENG_SECRET_KEY, or secret.key copied into the data directory).
 */
const { values } = parseArgs({
  options: { file: { type: 'string' }, force: { type: 'boolean', default: false } },
});
if (!values.file) {
  console.error('用法 / usage: npm run restore -- --file <backup.xfbak> [--force]');
  process.exit(2);
}
const config = configOrExit();
const secretFile = join(resolve(config.dataDir), 'secret.key');
const masterHex =
  config.secretKeyHex?.toLowerCase() ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : undefined);
if (!masterHex) {
  console.error(
    `没有主密钥：恢复需要备份时的主密钥。请设置 XIANFENG_SECRET_KEY，或把原来的 secret.key 复制到 ${secretFile}。\n` +
      `No master secret: the restore needs the secret the backup was made with. Set XIANFENG_SECRET_KEY or copy the old secret.key to ${secretFile}.`,
  );
  process.exit(2);
}
const path = resolve(values.file);
if (!existsSync(path)) {
  console.error(`文件不存在 / no such file: ${path}`);
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
try {
  const report = await restoreBackupFile({
    file: readFileSync(path),
    fileName: basename(path),
    masterHex,
    target: config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'pglite', dataDir: config.dataDir },
    force: values.force,
    config,
    log: pino({ level: 'warn' }) as unknown as FastifyBaseLogger,
    operator: `${userInfo().username}@${hostname()}`,
  });
  const m = report.manifest;
  const aside = trimAnchorsAfterRestore(anchorFileOf(config), m.audit.count, stamp);
  await report.database.close();
  console.log(
    [
      `已恢复 / restored ${basename(path)} (made ${m.createdAt}, app ${m.appVersion}, ${m.dbKind})`,
      `  into ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : resolve(config.dataDir)}` +
        (report.replaced
          ? `; the previous contents ${config.databaseUrl ? 'were dropped' : `were moved to ${report.replaced}`}`
          : ''),
      `  migrations: ${report.migrationsBefore} in the backup → ${report.migrationsAfter} after running forward`,
      `  row counts equal to the manifest: ${Object.entries(report.counts)
        .map(([t, c]) => `${t} ${c.restored}`)
        .join(', ')}`,
      `  audit chain verified: ${report.chain.checked} rows, head ${m.audit.head ?? '-'}`,
      ...(aside
        ? [
            `  audit checkpoints beyond the backup kept aside in ${aside}; ${anchorFileOf(config)} holds those it reaches`,
          ]
        : []),
      '  one audit row "backup / restored" written. Start the server as usual.',
    ].join('\n'),
  );
} catch (e) {
  if (e instanceof BackupError) {
    console.error(`恢复被拒绝 / restore refused [${e.code}]:\n${e.text.zh}\n${e.text.en}`);
    process.exit(1);
  }
  if (e instanceof DataDirLockedError) {
    console.error(e.message);
    process.exit(3);
  }
  throw e;
}
