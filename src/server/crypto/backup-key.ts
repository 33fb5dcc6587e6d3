import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Keys for backup files, derived with HKDF-SHA256 from the master secret (XIANFENG_SECRET_KEY, or the
 * data directory's secret.key — `loadSecretKey`), each under its own label, so a copied backup file
 * alone reveals nothing and the restore needs the same secret.
 */
export interface BackupKeys {
  /** AES-256-GCM key of the backup payload. */
  enc: Buffer;
  /** A public check value in the file header: tells "wrong key" from "corrupted" without decrypting. */
  check: string;
  /** Authenticates `npm run backup` to a running server over the local trigger socket. */
  trigger: Buffer;
}

const derive = (master: Buffer, label: string) =>
  Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from(label, 'utf8'), 32));

export function deriveBackupKeys(masterHex: string): BackupKeys {
  const master = Buffer.from(masterHex, 'hex');
  if (master.length !== 32) throw new Error('backup key: the master secret must be 32 bytes');
  const enc = derive(master, 'xianfeng:backup:enc:v1');
  return {
    enc,
    check: createHmac('sha256', enc).update('xianfeng:backup:key-check').digest('hex').slice(0, 32),
    trigger: derive(master, 'xianfeng:backup:trigger:v1'),
  };
}
