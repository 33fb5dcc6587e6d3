import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { sendFile, XLSX_TYPE } from '../../files/xlsx.js';
import { approvalsApi } from '../../../shared/api/approvals.js';
import { getProjectApprovals, listApprovalWork, updateApprovalItem } from './approval.service.js';
import { acceptanceReport, exportAcceptanceReport } from './approval.report.js';
import './approval.labels.js';

/** 批管验联动: the approval chart of a project, a department's worklist, the acceptance-duration report. */
export async function approvalRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['approvals'];

  r.get('/api/projects/:id/approvals', {
    config: { permission: 'projects.read' },
    schema: {
      tags,
      summary: '一图管全程：审批验收事项、用时与材料清单 / the approval chart',
      ...routeSchema(approvalsApi['GET /api/projects/:id/approvals']),
    },
    handler: async (req) => getProjectApprovals(ctx, actorOf(req), req.params.id),
  });

  r.patch('/api/projects/:id/approvals/:itemId', {
    config: { permission: 'approvals.handle' },
    schema: {
      tags,
      summary: '办理审批事项（申报、办结、材料）/ handle an item',
      ...routeSchema(approvalsApi['PATCH /api/projects/:id/approvals/:itemId']),
    },
    handler: async (req) => updateApprovalItem(ctx, actorOf(req), req.params.id, req.params.itemId, req.body),
  });

  r.get('/api/approvals', {
    config: { permission: 'projects.read' },
    schema: { tags, summary: '审批事项工作台 / approval worklist', ...routeSchema(approvalsApi['GET /api/approvals']) },
    handler: async (req) => listApprovalWork(ctx, actorOf(req), req.query),
  });

  r.get('/api/approvals/acceptance-report', {
    config: { permission: 'projects.read' },
    schema: {
      tags,
      summary: '验收时长统计（工作日）/ acceptance durations',
      ...routeSchema(approvalsApi['GET /api/approvals/acceptance-report']),
    },
    handler: async (req) => acceptanceReport(ctx, actorOf(req), req.query),
  });

  r.get('/api/approvals/acceptance-report/export', {
    config: { permission: 'projects.read' },
    schema: {
      tags,
      summary: '导出验收时长（Excel）/ export acceptance durations',
      ...routeSchema(approvalsApi['GET /api/approvals/acceptance-report/export']),
    },
    handler: async (req, reply) =>
      sendFile(reply, '验收时长统计.xlsx', XLSX_TYPE, await exportAcceptanceReport(ctx, actorOf(req), req.query)),
  });
}
