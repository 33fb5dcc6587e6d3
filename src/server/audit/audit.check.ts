import type { Executor } from '../db/client.js';
import { readAnchors } from './audit.anchor.js';
import { verifyAuditChain, type ChainReport } from './audit.verify.js';

/** Verifies the chain with the key and the checkpoints in `anchorFile` (what audit:verify and the UI run). */
export async function checkAuditChain(db: Executor, key: Buffer, anchorFile: string): Promise<ChainReport> {
  const { anchors, invalidLines } = readAnchors(anchorFile, key);
  return verifyAuditChain(db, { key, anchors, invalidAnchorLines: invalidLines });
}

export const CHAIN_BREAK_ZH: Record<NonNullable<ChainReport['firstBad']>['reason'], string> = {
  hash_mismatch: '内容被篡改（哈希不符，或未持有密钥而重算了哈希）/ content altered',
  prev_hash_mismatch: '链接断开 / link broken',
  gap: '记录缺失 / rows missing',
  unkeyed_after_keyed: '启用密钥之后出现未加密钥的记录（哈希链被重算）/ chain recomputed without the key',
  anchor_mismatch: '与库外检查点记录的哈希不符（被改写）/ differs from an external checkpoint',
  truncated: '记录数少于库外检查点（最新记录被删除）/ newest rows removed',
  anchor_invalid: '检查点文件中有被篡改的行 / a checkpoint line was altered',
};
