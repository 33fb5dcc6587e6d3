import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { sendFile, XLSX_TYPE } from '../../files/xlsx.js';
import { projectIdParams } from '../projects/index.js';
import { requireProject } from '../projects/index.js';
import { itemParams, reportQuery, updateItemBody, worklistQuery } from './approval.schemas.js';
import { getProjectApprovals, listApprovalWork, updateApprovalItem } from './approval.service.js';
import { acceptanceReport, exportAcceptanceReport } from './approval.report.js';

/** 批管验联动: the approval chart of a project, a department's worklist, the acceptance-duration report. */
export async function approvalRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['approvals'];

  r.get('/api/projects/:id/approvals', {
    config: { permission: 'projects.read' },
    schema: { tags, summary: '一图管全程：审批验收事项、用时与材料清单 / the approval chart', params: projectIdParams },
    handler: async (req) => {
      const a = actorOf(req);
      return getProjectApprovals(ctx, a, await requireProject(ctx, a, req.params.id));
    },
  });

  r.patch('/api/projects/:id/approvals/:itemId', {
    config: { permission: 'approvals.handle' },
    schema: {
      tags,
      summary: '办理审批事项（申报、办结、材料）/ handle an item',
      params: itemParams,
      body: updateItemBody,
    },
    handler: async (req) => {
      const a = actorOf(req);
      return updateApprovalItem(ctx, a, await requireProject(ctx, a, req.params.id), req.params.itemId, req.body);
    },
  });

  r.get('/api/approvals', {
    config: { permission: 'projects.read' },
    schema: { tags, summary: '审批事项工作台 / approval worklist', querystring: worklistQuery },
    handler: async (req) => listApprovalWork(ctx, actorOf(req), req.query),
  });

  r.get('/api/approvals/acceptance-report', {
    config: { permission: 'projects.read' },
    schema: { tags, summary: '验收时长统计（工作日）/ acceptance durations', querystring: reportQuery },
    handler: async (req) => acceptanceReport(ctx, actorOf(req), req.query),
  });

  r.get('/api/approvals/acceptance-report/export', {
    config: { permission: 'projects.read' },
    schema: { tags, summary: '导出验收时长（Excel）/ export acceptance durations', querystring: reportQuery },
    handler: async (req, reply) =>
      sendFile(reply, '验收时长统计.xlsx', XLSX_TYPE, await exportAcceptanceReport(ctx, actorOf(req), req.query)),
  });
}
