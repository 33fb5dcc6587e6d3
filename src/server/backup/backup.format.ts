import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { BackupKeys } from '../crypto/backup-key.js';
import type { BackupManifest } from './backup.manifest.js';
import { refuse } from './backup.errors.js';

/**
 * A backup file (.xfbak):
 *   "XFBACKUP" | format version (u16 BE) | header length (u32 BE) | header JSON | ciphertext | GCM tag (16)
 * The header is plain (format and app version, creation time, db kind, IV, lengths, the sha256 of
 * ciphertext+tag, a key check value) and is the GCM additional data; the ciphertext holds
 * manifest length (u32 BE) | manifest JSON | the database dump. Every refusal says which case it is:
 * not a backup, truncated, corrupted (checksum or tag), wrong key, newer format.
 */
export const MAGIC = Buffer.from('XFBACKUP', 'ascii');
export const FORMAT_VERSION = 1;
const PREFIX = MAGIC.length + 2 + 4;
const TAG = 16;

export interface BackupHeader {
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  dbKind: string;
  keyCheck: string;
  iv: string;
  cipherBytes: number;
  sha256: string;
}

export function encodeBackup(
  keys: BackupKeys,
  meta: { appVersion: string; createdAt: string; dbKind: string },
  manifest: BackupManifest,
  dump: Buffer,
): { file: Buffer; sha256: string } {
  const manifestJson = Buffer.from(JSON.stringify(manifest), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(manifestJson.length);
  const iv = randomBytes(12);
  const cipherBytes = 4 + manifestJson.length + dump.length;
  // The checksum covers ciphertext + tag, which are only known after encryption; the header (the
  // additional data) must be final before, so the header carries a placeholder of fixed length first.
  const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
  const header: BackupHeader = {
    formatVersion: FORMAT_VERSION,
    ...meta,
    keyCheck: keys.check,
    iv: iv.toString('base64'),
    cipherBytes,
    sha256: '',
  };
  const aad = prefixAndHeader({ ...header, sha256: '0'.repeat(64) });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(len), cipher.update(manifestJson), cipher.update(dump), cipher.final()]);
  const body = Buffer.concat([ct, cipher.getAuthTag()]);
  const sha256 = createHash('sha256').update(body).digest('hex');
  const head = prefixAndHeader({ ...header, sha256 });
  return { file: Buffer.concat([head, body]), sha256 };
}

/**
 * The same file as encodeBackup, written to `path` from the dump file at `dumpPath` in chunks: the dump
 * is read once, encrypted and hashed as it goes, and the header (whose checksum is only known at the
 * end, and whose placeholder has the same length) is written over its placeholder last.
 */
export async function writeBackupFile(
  path: string,
  keys: BackupKeys,
  meta: { appVersion: string; createdAt: string; dbKind: string },
  manifest: BackupManifest,
  dump: { path: string; bytes: number },
): Promise<{ sizeBytes: number; sha256: string }> {
  const manifestJson = Buffer.from(JSON.stringify(manifest), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(manifestJson.length);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
  const header: BackupHeader = {
    formatVersion: FORMAT_VERSION,
    ...meta,
    keyCheck: keys.check,
    iv: iv.toString('base64'),
    cipherBytes: 4 + manifestJson.length + dump.bytes,
    sha256: '',
  };
  const placeholder = prefixAndHeader({ ...header, sha256: '0'.repeat(64) });
  cipher.setAAD(placeholder);
  const hash = createHash('sha256');
  const file = await open(path, 'w', 0o600);
  try {
    let size = placeholder.length;
    await file.write(placeholder);
    const put = async (b: Buffer) => {
      if (b.length === 0) return;
      hash.update(b);
      size += b.length;
      await file.write(b);
    };
    await put(cipher.update(len));
    await put(cipher.update(manifestJson));
    let read = 0;
    for await (const chunk of createReadStream(dump.path)) {
      read += (chunk as Buffer).length;
      await put(cipher.update(chunk as Buffer));
    }
    if (read !== dump.bytes)
      throw new Error(`backup: the dump changed while it was encrypted (${read} of ${dump.bytes} bytes)`);
    await put(cipher.final());
    await put(cipher.getAuthTag());
    const sha256 = hash.digest('hex');
    const head = prefixAndHeader({ ...header, sha256 });
    if (head.length !== placeholder.length) throw new Error('backup: header length changed');
    await file.write(head, 0, head.length, 0);
    await file.sync();
    return { sizeBytes: size, sha256 };
  } finally {
    await file.close();
  }
}

function prefixAndHeader(h: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(h), 'utf8');
  const p = Buffer.alloc(PREFIX);
  MAGIC.copy(p, 0);
  p.writeUInt16BE(h.formatVersion, MAGIC.length);
  p.writeUInt32BE(json.length, MAGIC.length + 2);
  return Buffer.concat([p, json]);
}

/** Reads and checks the header only (format, lengths, checksum, key); no decryption. */
export function readBackupHeader(file: Buffer, keys?: BackupKeys): { header: BackupHeader; bodyAt: number } {
  if (file.length < MAGIC.length || !file.subarray(0, MAGIC.length).equals(MAGIC))
    throw refuse(
      'not_backup',
      '该文件不是先锋备份文件（文件头不符）。',
      'This file is not a Xianfeng backup (wrong magic).',
    );
  if (file.length < PREFIX) throw refuse('truncated', '备份文件不完整（被截断）。', 'The backup file is truncated.');
  const version = file.readUInt16BE(MAGIC.length);
  if (version > FORMAT_VERSION)
    throw refuse(
      'newer_format',
      `备份文件格式版本 ${version} 比本程序支持的 ${FORMAT_VERSION} 新：请用更新版本的先锋恢复。`,
      `The backup format version ${version} is newer than this program supports (${FORMAT_VERSION}): restore with a newer Xianfeng.`,
    );
  const headerLen = file.readUInt32BE(MAGIC.length + 2);
  if (file.length < PREFIX + headerLen)
    throw refuse('truncated', '备份文件不完整（被截断）。', 'The backup file is truncated.');
  let header: BackupHeader;
  try {
    header = JSON.parse(file.subarray(PREFIX, PREFIX + headerLen).toString('utf8')) as BackupHeader;
  } catch {
    throw corrupted('文件头损坏', 'the header is damaged');
  }
  if (header.formatVersion !== version || typeof header.cipherBytes !== 'number' || typeof header.sha256 !== 'string')
    throw corrupted('文件头损坏', 'the header is damaged');
  const bodyAt = PREFIX + headerLen;
  const expected = bodyAt + header.cipherBytes + TAG;
  if (file.length < expected)
    throw refuse(
      'truncated',
      `备份文件不完整（被截断）：应有 ${expected} 字节，实有 ${file.length} 字节。`,
      `The backup file is truncated: ${file.length} of ${expected} bytes.`,
    );
  if (file.length > expected) throw corrupted('文件末尾有多余数据', 'extra bytes after the end');
  const sum = createHash('sha256').update(file.subarray(bodyAt)).digest('hex');
  if (sum !== header.sha256) throw corrupted('校验和（sha256）不符', 'the sha256 checksum does not match');
  if (keys && !safeEqual(header.keyCheck, keys.check))
    throw refuse(
      'wrong_key',
      '密钥不符：该备份由另一个主密钥（XIANFENG_SECRET_KEY 或数据目录中的 secret.key）加密，请使用备份时的主密钥。',
      'Wrong key: this backup was encrypted under another master secret (XIANFENG_SECRET_KEY or the data directory’s secret.key); use the secret it was made with.',
    );
  return { header, bodyAt };
}

/** Checks everything and decrypts: the manifest and the database dump. */
export function decodeBackup(
  file: Buffer,
  keys: BackupKeys,
): { header: BackupHeader; manifest: BackupManifest; dump: Buffer } {
  const { header, bodyAt } = readBackupHeader(file, keys);
  const decipher = createDecipheriv('aes-256-gcm', keys.enc, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(prefixAndHeader({ ...header, sha256: '0'.repeat(64) }));
  decipher.setAuthTag(file.subarray(file.length - TAG));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(file.subarray(bodyAt, file.length - TAG)), decipher.final()]);
  } catch {
    throw corrupted(
      '认证标签（GCM）校验失败，内容被改动',
      'the GCM authentication tag does not verify: the content was altered',
    );
  }
  const mlen = plain.readUInt32BE(0);
  const manifest = JSON.parse(plain.subarray(4, 4 + mlen).toString('utf8')) as BackupManifest;
  const dump = plain.subarray(4 + mlen);
  if (createHash('sha256').update(dump).digest('hex') !== manifest.dump.sha256)
    throw corrupted('数据库转储的校验和不符', 'the dump’s checksum does not match the manifest');
  return { header, manifest, dump };
}

function corrupted(zh: string, en: string) {
  return refuse(
    'corrupted',
    `备份文件已损坏：${zh}。请换用另一份备份。`,
    `The backup file is corrupted: ${en}. Use another backup.`,
  );
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(String(a));
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
