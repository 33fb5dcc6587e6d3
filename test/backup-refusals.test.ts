import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runBackup } from '../src/server/backup/backup.service.js';
import { restoreBackupFile } from '../src/server/backup/backup.restore-check.js';
import { openBackupFile } from '../src/server/backup/backup.restore.js';
import { decodeBackup, encodeBackup, MAGIC } from '../src/server/backup/backup.format.js';
import { BackupError } from '../src/server/backup/backup.errors.js';
import { backupDirOf } from '../src/server/backup/backup.paths.js';
import { deriveBackupKeys } from '../src/server/crypto/backup-key.js';
import { SYSTEM_ACTOR } from '../src/server/actor.js';
import { createTestApp, TEST_KEY, type TestApp } from './test-app.js';
import { buildRegion } from './factories.js';
import { freshTarget, restoreConfig, silentLog, tempDir } from './backup-helpers.js';

let t: TestApp;
let file: Buffer;
let fileName: string;
const keys = deriveBackupKeys(TEST_KEY);
const backupDir = tempDir('xf-backups-');

beforeAll(async () => {
  t = await createTestApp({ XIANFENG_BACKUP_DIR: backupDir });
  await buildRegion(t.ctx);
  const out = await runBackup(t.ctx, SYSTEM_ACTOR, 'cli');
  if (out?.result.status !== 'ok') throw new Error(JSON.stringify(out?.result));
  fileName = out.result.fileName;
  file = readFileSync(join(backupDir, fileName));
});
afterAll(async () => t?.close());

/** The refusal a file gets, as code + Chinese + English message. */
function refusalOf(f: Buffer, k = keys): { code: string; zh: string; en: string } {
  try {
    openBackupFile(f, k);
  } catch (e) {
    if (e instanceof BackupError) return { code: e.code, ...e.text };
    throw e;
  }
  throw new Error('accepted');
}

const flip = (b: Buffer, at: number) => {
  const c = Buffer.from(b);
  c[at] = (c[at] ?? 0) ^ 0xff;
  return c;
};

describe(`backup files that are refused (${inject('dbMode')})`, () => {
  it('a good file opens; its header tells nothing of the data', () => {
    const { manifest } = openBackupFile(file, keys);
    expect(manifest.audit.count).toBeGreaterThan(0);
    expect(file.includes(Buffer.from('audit_log'))).toBe(false);
    expect(file.includes(Buffer.from('开发区'))).toBe(false);
  });

  it.each([
    ['not a backup', 'not_backup', () => Buffer.from('PGDMP custom dump or anything else'), '不是先锋备份文件'],
    ['an empty file', 'not_backup', () => Buffer.alloc(0), '不是先锋备份文件'],
    ['truncated in the header', 'truncated', () => file.subarray(0, 20), '不完整'],
    ['truncated in the data', 'truncated', () => file.subarray(0, file.length - 100), '不完整'],
    ['a byte changed in the data', 'corrupted', () => flip(file, file.length - 200), '校验和'],
    ['extra bytes at the end', 'corrupted', () => Buffer.concat([file, Buffer.from('x')]), '多余数据'],
    [
      'a newer format version',
      'newer_format',
      () => {
        const c = Buffer.from(file);
        c.writeUInt16BE(2, MAGIC.length);
        return c;
      },
      '更新版本',
    ],
  ])('%s → %s', (_name, code, make, zh) => {
    const r = refusalOf(make());
    expect(r.code).toBe(code);
    expect(r.zh).toContain(zh);
    expect(r.en.length).toBeGreaterThan(10);
  });

  it('a byte changed and the checksum recomputed to match: the GCM tag refuses it', () => {
    const { header } = decodeBackup(file, keys);
    const bodyAt = file.length - header.cipherBytes - 16;
    const bad = flip(file, bodyAt + 10);
    const sum = createHash('sha256').update(bad.subarray(bodyAt)).digest('hex');
    const forged = Buffer.from(bad.toString('latin1').replace(header.sha256, sum), 'latin1');
    const r = refusalOf(forged);
    expect(r.code).toBe('corrupted');
    expect(r.zh).toContain('认证标签');
  });

  it('another master secret → wrong key, said as such', () => {
    const r = refusalOf(file, deriveBackupKeys('b2'.repeat(32)));
    expect(r).toMatchObject({ code: 'wrong_key' });
    expect(r.zh).toContain('密钥不符');
    expect(r.en).toContain('Wrong key');
  });

  it('migrations this code does not know → newer version, refused before anything is touched', () => {
    const { manifest, dump } = decodeBackup(file, keys);
    const newer = encodeBackup(
      keys,
      { appVersion: '9.0.0', createdAt: manifest.createdAt, dbKind: manifest.dbKind },
      {
        ...manifest,
        appVersion: '9.0.0',
        migrations: {
          count: manifest.migrations.count + 1,
          lastWhen: (manifest.migrations.lastWhen ?? 0) + 1000,
          tags: [...manifest.migrations.tags, 'unknown:9999999999999'],
        },
      },
      dump,
    );
    const r = refusalOf(newer.file);
    expect(r.code).toBe('newer_migrations');
    expect(r.zh).toContain('更新版本的先锋');
    expect(r.en).toContain('9.0.0');
  });

  it('a non-empty target is refused without --force, and replaced with it', async () => {
    const { target, dataDir } = await freshTarget();
    const restore = (force: boolean) =>
      restoreBackupFile({
        file,
        fileName,
        masterHex: TEST_KEY,
        target,
        force,
        config: restoreConfig(dataDir, target.kind === 'postgres' ? target.url : undefined),
        log: silentLog,
        operator: 'test@host',
      });
    await (await restore(false)).database.close();
    const refused = await restore(false).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as BackupError).code).toBe('target_not_empty');
    expect((refused as BackupError).text.zh).toContain('--force');
    const again = await restore(true);
    expect(again.replaced).toBeTruthy();
    await again.database.close();
  });

  it('a backup directory inside the data directory is refused', () => {
    expect(() => backupDirOf({ dataDir: '/srv/xf/data', backupDir: '/srv/xf/data/backups' })).toThrow(
      /位于数据目录 \/srv\/xf\/data 之内/,
    );
    expect(backupDirOf({ dataDir: '/srv/xf/data', backupDir: undefined })).toBe('/srv/xf/backups');
  });
});
