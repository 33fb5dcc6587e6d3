import { openForCli } from './open.js';
import { verifyAuditChain } from '../audit/audit.verify.js';

/** npm run audit:verify — recomputes the audit hash chain; exits 1 if any row was altered or removed. */
const { database } = await openForCli('audit-verify', { migrate: false });
const report = await verifyAuditChain(database.db);
await database.close();
if (report.ok) {
  console.log(`审计日志哈希链完整 / audit chain OK: ${report.checked} rows verified`);
} else {
  const why = {
    hash_mismatch: '内容被篡改 / content altered',
    prev_hash_mismatch: '链接断开 / link broken',
    gap: '记录缺失 / rows missing',
  }[report.firstBad?.reason ?? 'hash_mismatch'];
  console.error(
    `审计日志哈希链校验失败 / audit chain BROKEN at row ${report.firstBad?.id}: ${why} (${report.checked} rows verified before it)`,
  );
  process.exit(1);
}
