import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { auditApi } from '../../../shared/api/audit.js';
import { routeSchema } from '../../http/contract.js';
import { sendFile, XLSX_TYPE } from '../../files/xlsx.js';
import { auditFacets, exportAudit, getAudit, listAudit, verifyAudit } from './audit.service.js';

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
    handler: async (req) => listAudit(ctx, actorOf(req), req.query),
  });

  r.get('/api/audit/facets', {
    config: { permission },
    schema: {
      tags,
      summary: '可选的对象与操作 / entities and actions in the log',
      ...routeSchema(auditApi['GET /api/audit/facets']),
    },
    handler: async () => auditFacets(ctx),
  });

  r.get('/api/audit/verify', {
    config: { permission },
    schema: {
      tags,
      summary: '校验审计日志哈希链 / verify the hash chain',
      ...routeSchema(auditApi['GET /api/audit/verify']),
    },
    handler: async () => verifyAudit(ctx),
  });

  r.get('/api/audit/export', {
    config: { permission },
    schema: {
      tags,
      summary: '导出审计日志（Excel）/ export',
      ...routeSchema(auditApi['GET /api/audit/export']),
    },
    handler: async (req, reply) =>
      sendFile(reply, '审计日志.xlsx', XLSX_TYPE, await exportAudit(ctx, actorOf(req), req.query)),
  });

  r.get('/api/audit/:id', {
    config: { permission },
    schema: {
      tags,
      summary: '审计记录 / one record',
      ...routeSchema(auditApi['GET /api/audit/:id']),
    },
    handler: async (req) => getAudit(ctx, actorOf(req), req.params.id),
  });
}
