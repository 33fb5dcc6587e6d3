import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import { chainHash, GENESIS_HASH, isKeyedHash, keyedChainHash, type ChainFields } from './audit.chain.js';
import type { AuditAnchor } from './audit.anchor.js';

export type ChainBreak =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'gap'
  /** An unkeyed (v1) row after the chain was keyed: rows recomputed without the key. */
  | 'unkeyed_after_keyed'
  /** The row a checkpoint names has another hash than the checkpoint: rewritten. */
  | 'anchor_mismatch'
  /** Fewer rows than a checkpoint counted: the newest rows were removed. */
  | 'truncated'
  /** A checkpoint line that does not carry a valid MAC. */
  | 'anchor_invalid';

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first keyed (v2) row; rows before it were written before the chain was keyed. */
  keyedFrom: number | null;
  /** Checkpoints checked (outside the database) and the latest one. */
  anchors: { checked: number; latest: { at: string; count: number } | null };
  /** The first broken row and why, when the chain does not verify. */
  firstBad?: { id: number; reason: ChainBreak };
}

export interface VerifyOptions {
  key: Buffer;
  anchors?: AuditAnchor[];
  /** Line numbers of checkpoint lines that failed their MAC. */
  invalidAnchorLines?: number[];
  batchSize?: number;
}

/** The hashed fields of a stored audit row. */
export const fieldsOf = (r: typeof auditLog.$inferSelect): ChainFields => ({
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

/**
 * Recomputes every hash in id order — unkeyed rows with sha256 until the first keyed row, keyed rows
 * with the audit key — and checks the checkpoints kept outside the database: an altered, inserted
 * or removed row breaks the chain there; removed newest rows fall short of a checkpoint's count; a
 * chain recomputed with the project's code but without the key fails the key or the checkpoints.
 */
export async function verifyAuditChain(db: Executor, opts: VerifyOptions): Promise<ChainReport> {
  const anchors = opts.anchors ?? [];
  const latest = anchors.reduce<AuditAnchor | null>((a, b) => (!a || b.count >= a.count ? b : a), null);
  const anchored = new Map<number, string[]>();
  for (const a of anchors) anchored.set(a.count, [...(anchored.get(a.count) ?? []), a.head]);
  const mustBeKeyedFrom = anchors.reduce<number | null>(
    (m, a) => (a.keyedFrom === null ? m : m === null ? a.keyedFrom : Math.min(m, a.keyedFrom)),
    null,
  );
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  let keyedFrom: number | null = null;
  const report = (firstBad?: ChainReport['firstBad']): ChainReport => ({
    ok: !firstBad,
    checked,
    keyedFrom,
    anchors: { checked: anchors.length, latest: latest ? { at: latest.at, count: latest.count } : null },
    ...(firstBad ? { firstBad } : {}),
  });
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, expectedId - 1))
      .orderBy(asc(auditLog.id))
      .limit(opts.batchSize ?? 2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.id !== expectedId) return report({ id: r.id, reason: 'gap' });
      if (r.prevHash !== prevHash) return report({ id: r.id, reason: 'prev_hash_mismatch' });
      const keyed = isKeyedHash(r.hash);
      if (!keyed && (keyedFrom !== null || (mustBeKeyedFrom !== null && r.id >= mustBeKeyedFrom)))
        return report({ id: r.id, reason: 'unkeyed_after_keyed' });
      const recomputed = keyed ? keyedChainHash(opts.key, prevHash, fieldsOf(r)) : chainHash(prevHash, fieldsOf(r));
      if (recomputed !== r.hash) return report({ id: r.id, reason: 'hash_mismatch' });
      const heads = anchored.get(r.id);
      if (heads && heads.some((h) => h !== r.hash)) return report({ id: r.id, reason: 'anchor_mismatch' });
      if (keyed && keyedFrom === null) keyedFrom = r.id;
      prevHash = r.hash;
      expectedId++;
      checked++;
    }
  }
  if (latest && checked < latest.count) return report({ id: checked + 1, reason: 'truncated' });
  const bad = opts.invalidAnchorLines?.[0];
  if (bad !== undefined) return report({ id: 0, reason: 'anchor_invalid' });
  return report();
}
