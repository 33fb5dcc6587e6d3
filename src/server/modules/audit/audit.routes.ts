import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { auditApi } from '../../../shared/api/audit.js';
import { routeSchema } from '../../http/contract.js';
import { notFound } from '../../errors.js';
import { sendFile, XLSX_TYPE, buildXlsx } from '../../files/xlsx.js';
import { checkAuditChain } from '../../audit/audit.check.js';
import { anchorFileOf } from '../../audit/audit.anchor.js';
import { auditKey } from '../../audit/audit.key.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import { distinctValues, findAudit, searchAudit } from './audit.repository.js';
import { ACTION_ZH, ENTITY_ZH } from './audit.labels.js';
import { presentAudit as present } from './audit.presenter.js';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['audit'];
  const permission = 'audit.read' as const;

  r.get('/api/audit', {
    config: { permission },
    schema: {
      tags,
      summary: '审计日志查询 / search the audit log',
      ...routeSchema(auditApi['GET /api/audit']),
    },
    handler: async (req) => {
      const a = actorOf(req);
      const { rows, total } = await searchAudit(ctx.db, a, req.query);
      return { data: rows.map(present), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.get('/api/audit/facets', {
    config: { permission },
    schema: {
      tags,
      summary: '可选的对象与操作 / entities and actions in the log',
      ...routeSchema(auditApi['GET /api/audit/facets']),
    },
    handler: async () => {
      const [entities, actions] = await Promise.all([
        distinctValues(ctx.db, 'entity'),
        distinctValues(ctx.db, 'action'),
      ]);
      return {
        entities: entities.map((v) => ({ value: v, zh: ENTITY_ZH[v] ?? v })),
        actions: actions.map((v) => ({ value: v, zh: ACTION_ZH[v] ?? v })),
      };
    },
  });

  r.get('/api/audit/verify', {
    config: { permission },
    schema: {
      tags,
      summary: '校验审计日志哈希链 / verify the hash chain',
      ...routeSchema(auditApi['GET /api/audit/verify']),
    },
    handler: async () => checkAuditChain(ctx.db, auditKey(), anchorFileOf(ctx.config)),
  });

  r.get('/api/audit/export', {
    config: { permission },
    schema: {
      tags,
      summary: '导出审计日志（Excel）/ export',
      ...routeSchema(auditApi['GET /api/audit/export']),
    },
    handler: async (req, reply) => {
      const a = actorOf(req);
      const { rows } = await searchAudit(ctx.db, a, { ...req.query, page: 1, pageSize: 50_000 });
      const body = await buildXlsx({
        name: '审计日志',
        title: `审计日志（导出时间 ${formatDateTimeChina(ctx.clock.now())}）`,
        rows: rows.map(present),
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
      return sendFile(reply, '审计日志.xlsx', XLSX_TYPE, body);
    },
  });

  r.get('/api/audit/:id', {
    config: { permission },
    schema: {
      tags,
      summary: '审计记录 / one record',
      ...routeSchema(auditApi['GET /api/audit/:id']),
    },
    handler: async (req) => {
      const a = actorOf(req);
      const row = await findAudit(ctx.db, a, req.params.id);
      if (!row) throw notFound({ zh: '审计记录', en: 'Audit record' });
      return present(row);
    },
  });
}
