import { parseArgs } from 'node:util';
import { openForCli } from './open.js';
import { anchorFileOf, writeAnchor } from '../audit/audit.anchor.js';
import { auditKey } from '../audit/audit.key.js';
import { checkAuditChain, CHAIN_BREAK_ZH } from '../audit/audit.check.js';

/**
 * npm run audit:verify [-- --anchor] — recomputes the keyed audit hash chain and checks it against
 * the checkpoints outside the database; exits 1 if any row was altered, recomputed or removed.
 * With --anchor (or `npm run audit:anchor`), appends a new checkpoint after a clean verification.
 */
const { values } = parseArgs({ options: { anchor: { type: 'boolean', default: false } } });
const { ctx, database } = await openForCli('audit-verify', { migrate: false });
const file = anchorFileOf(ctx.config);
try {
  const report = await checkAuditChain(database.db, auditKey(), file);
  if (report.ok) {
    console.log(
      `审计日志哈希链完整 / audit chain OK: ${report.checked} rows verified` +
        (report.keyedFrom ? `（第 ${report.keyedFrom} 行起加密钥 / keyed from row ${report.keyedFrom}）` : '') +
        `；检查点 ${report.anchors.checked} 个 / ${report.anchors.checked} checkpoints in ${file}` +
        (report.anchors.latest ? `（最新 ${report.anchors.latest.at}，${report.anchors.latest.count} 行）` : ''),
    );
    if (values.anchor) {
      const a = await writeAnchor(database.db, auditKey(), file, ctx.clock.now());
      console.log(
        a ? `已写入检查点 / checkpoint written: ${a.count} rows, head ${a.head}` : '审计日志为空 / empty log',
      );
    }
  } else {
    const bad = report.firstBad;
    console.error(
      `审计日志哈希链校验失败 / audit chain BROKEN at row ${bad?.id}: ${CHAIN_BREAK_ZH[bad?.reason ?? 'hash_mismatch']} (${report.checked} rows verified before it)`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
