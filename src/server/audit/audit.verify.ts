import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import { chainHash, GENESIS_HASH } from './audit.chain.js';

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first broken row and why, when the chain does not verify. */
  firstBad?: { id: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' };
}

/** Recomputes every hash in id order: an altered, inserted or removed row breaks the chain there. */
export async function verifyAuditChain(db: Executor, batchSize = 2000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  let cursor = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, cursor))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      if (r.id !== expectedId) return { ok: false, checked, firstBad: { id: r.id, reason: 'gap' } };
      if (r.prevHash !== prevHash) return { ok: false, checked, firstBad: { id: r.id, reason: 'prev_hash_mismatch' } };
      const recomputed = chainHash(prevHash, {
        id: r.id,
        at: r.at,
        actorId: r.actorId,
        actorName: r.actorName,
        scopePath: r.scopePath,
        ip: r.ip,
        requestId: r.requestId,
        entity: r.entity,
        entityId: r.entityId,
        action: r.action,
        before: r.before,
        after: r.after,
      });
      if (recomputed !== r.hash) return { ok: false, checked, firstBad: { id: r.id, reason: 'hash_mismatch' } };
      prevHash = r.hash;
      expectedId++;
      checked++;
      cursor = r.id;
    }
  }
}
