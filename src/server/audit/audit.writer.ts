import { desc, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import type { AuditActor } from '../actor.js';
import { chainHash, GENESIS_HASH, toStoredJson } from './audit.chain.js';

/** Serialises appends to the chain across connections; held until the writing transaction ends. */
const AUDIT_CHAIN_LOCK = 7_305_2027;

export interface AuditEntry {
  entity: string;
  entityId: string | number | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit row inside the caller's transaction (so the change and its record commit or
 * roll back together). Snapshots must never contain decrypted sensitive values: pass presenter
 * output, which masks them.
 */
export async function recordAudit(tx: Tx, who: AuditActor, entry: AuditEntry, at: Date): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  const row = {
    id: (last?.id ?? 0) + 1,
    at,
    actorId: who.userId,
    actorName: who.name,
    scopePath: who.scopePath,
    ip: who.ip,
    requestId: who.requestId,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    action: entry.action,
    before: toStoredJson(entry.before),
    after: toStoredJson(entry.after),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...row, prevHash, hash: chainHash(prevHash, row) });
}
