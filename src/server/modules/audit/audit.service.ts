import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { notFound } from '../../errors.js';
import { buildXlsx } from '../../files/xlsx.js';
import { checkAuditChain } from '../../audit/audit.check.js';
import { anchorFileOf } from '../../audit/audit.anchor.js';
import { auditKey } from '../../audit/audit.key.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import type { AuditFacets, AuditPage, AuditView, ChainReport } from '../../../shared/api/audit.js';
import { distinctValues, findAudit, searchAudit, type AuditFilter } from './audit.repository.js';
import { ACTION_ZH, ENTITY_ZH } from './audit.labels.js';
import { presentAudit } from './audit.presenter.js';

/** 审计日志 for the audit administrator: rows written inside the actor's subtree (repository scope). */
export async function listAudit(ctx: AppContext, actor: Actor, f: AuditFilter): Promise<AuditPage> {
  const { rows, total } = await searchAudit(ctx.db, actor, f);
  return { data: rows.map(presentAudit), total, page: f.page, pageSize: f.pageSize };
}

export async function getAudit(ctx: AppContext, actor: Actor, id: number): Promise<AuditView> {
  const row = await findAudit(ctx.db, actor, id);
  if (!row) throw notFound({ zh: '审计记录', en: 'Audit record' });
  return presentAudit(row);
}

/** The entities and actions present in the log, with their Chinese labels (the search filters). */
export async function auditFacets(ctx: AppContext): Promise<AuditFacets> {
  const [entities, actions] = await Promise.all([distinctValues(ctx.db, 'entity'), distinctValues(ctx.db, 'action')]);
  return {
    entities: entities.map((v) => ({ value: v, zh: ENTITY_ZH[v] ?? v })),
    actions: actions.map((v) => ({ value: v, zh: ACTION_ZH[v] ?? v })),
  };
}

/** Verifies the hash chain with the key and the checkpoints kept outside the database. */
export async function verifyAudit(ctx: AppContext): Promise<ChainReport> {
  return checkAuditChain(ctx.db, auditKey(), anchorFileOf(ctx.config));
}

/** The search as .xlsx (at most 50 000 rows). */
export async function exportAudit(
  ctx: AppContext,
  actor: Actor,
  f: Omit<AuditFilter, 'page' | 'pageSize'>,
): Promise<Buffer> {
  const { rows } = await searchAudit(ctx.db, actor, { ...f, page: 1, pageSize: 50_000 });
  return buildXlsx({
    name: '审计日志',
    title: `审计日志（导出时间 ${formatDateTimeChina(ctx.clock.now())}）`,
    rows: rows.map(presentAudit),
    columns: [
      { header: '编号', width: 8, value: (x) => x.id },
      { header: '时间', width: 18, value: (x) => formatDateTimeChina(x.at) },
      { header: '操作人', width: 14, value: (x) => x.actorName },
      { header: 'IP', width: 16, value: (x) => x.ip },
      { header: '对象', width: 12, value: (x) => x.entityZh },
      { header: '对象编号', width: 10, value: (x) => x.entityId },
      { header: '操作', width: 12, value: (x) => x.actionZh },
      { header: '变更前', width: 40, value: (x) => (x.before == null ? '' : JSON.stringify(x.before)) },
      { header: '变更后', width: 40, value: (x) => (x.after == null ? '' : JSON.stringify(x.after)) },
      { header: '哈希', width: 20, value: (x) => x.hash.slice(0, 16) },
    ],
  });
}
