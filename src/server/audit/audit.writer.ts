import { desc, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import type { AuditActor } from '../actor.js';
import { GENESIS_HASH, isKeyedHash, keyedChainHash, toStoredJson } from './audit.chain.js';
import { auditKey } from './audit.key.js';

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
  const key = auditKey();
  let [last] = await tx
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (last && !isKeyedHash(last.hash)) last = await sealUnkeyedChain(tx, key, last, at);
  await appendRow(tx, key, last, who, entry, at);
}

/**
 * The switch from the unkeyed (v1) chain to the keyed (v2) one, made once, explicitly: a keyed row
 * `audit / chain_keyed` that names how many unkeyed rows precede it and their head hash. From it on
 * every row is keyed; verification refuses an unkeyed row after a keyed one.
 */
async function sealUnkeyedChain(
  tx: Tx,
  key: Buffer,
  last: { id: number; hash: string },
  at: Date,
): Promise<{ id: number; hash: string }> {
  const system: AuditActor = { userId: null, name: 'system', scopePath: '/', ip: null, requestId: null };
  return appendRow(
    tx,
    key,
    last,
    system,
    { entity: 'audit', entityId: null, action: 'chain_keyed', after: { unkeyedRows: last.id, unkeyedHead: last.hash } },
    at,
  );
}

async function appendRow(
  tx: Tx,
  key: Buffer,
  last: { id: number; hash: string } | undefined,
  who: AuditActor,
  entry: AuditEntry,
  at: Date,
): Promise<{ id: number; hash: string }> {
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
  const hash = keyedChainHash(key, prevHash, row);
  await tx.insert(auditLog).values({ ...row, prevHash, hash });
  return { id: row.id, hash };
}
