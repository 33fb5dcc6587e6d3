import { createHmac } from 'node:crypto';

/**
 * The key of the audit hash chain and of its anchors. It is derived from the master secret
 * (XIANFENG_SECRET_KEY, or the data directory's secret.key), which never enters the database, so
 * someone who can write the database but not read the server's secret cannot recompute the chain.
 */
export function deriveAuditKey(masterHex: string): Buffer {
  return createHmac('sha256', Buffer.from(masterHex, 'hex')).update('xianfeng:audit-chain:v1').digest();
}

let current: Buffer | null = null;

/**
 * Set once at start (createAppContext). Process-wide because `recordAudit(tx, …)` is called from
 * every module's transactions without a context; every context of one process shares one secret.
 */
export function setAuditKey(key: Buffer): void {
  current = key;
}

export function auditKey(): Buffer {
  if (!current) throw new Error('audit chain key not configured (createAppContext sets it)');
  return current;
}
