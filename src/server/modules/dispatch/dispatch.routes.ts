import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { dispatchApi } from '../../../shared/api/dispatch.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { sendFile } from '../../files/xlsx.js';
import { chinaDate } from '../../../domain/dates.js';
import { confirmDispatch, defaultDispatchMonth, getDispatchReport, listDispatch } from './dispatch.service.js';
import { DOCX_TYPE, exportDispatchDocx } from './dispatch.docx.js';

registerFieldLabels({ remarks: '专员备注', state: '调度状态', projectId: '项目' });

/** 月调度: the month's reports, one project's prefilled report, confirming it, and the Word report. */
export async function dispatchRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['dispatch'];

  r.get('/api/dispatch', {
    config: { permission: 'projects.read' },
    schema: {
      tags,
      summary: '月调度：本月各项目报告状态（缺报清单）/ the month’s reports',
      ...routeSchema(dispatchApi['GET /api/dispatch']),
    },
    handler: async (req) => listDispatch(ctx, actorOf(req), req.query),
  });

  r.get('/api/dispatch/export', {
    config: { permission: 'dispatch.manage' },
    schema: {
      tags,
      summary: '导出月调度报告（Word）/ the month’s report as Word',
      ...routeSchema(dispatchApi['GET /api/dispatch/export']),
    },
    handler: async (req, reply) => {
      const m = req.query.month ?? defaultDispatchMonth(chinaDate(ctx.clock.now()));
      const { buffer } = await exportDispatchDocx(ctx, actorOf(req), { month: m, townshipId: req.query.townshipId });
      return sendFile(reply, `${m}月调度报告.docx`, DOCX_TYPE, buffer);
    },
  });

  r.get('/api/dispatch/:projectId/:month', {
    config: { permission: 'projects.read' },
    schema: {
      tags,
      summary: '某项目某月调度报告（自动预填）/ one prefilled report',
      ...routeSchema(dispatchApi['GET /api/dispatch/:projectId/:month']),
    },
    handler: async (req) => getDispatchReport(ctx, actorOf(req), req.params.projectId, req.params.month),
  });

  r.post('/api/dispatch/:projectId/:month/confirm', {
    config: { permission: 'dispatch.confirm' },
    schema: {
      tags,
      summary: '确认调度报告并备注 / confirm with remarks',
      ...routeSchema(dispatchApi['POST /api/dispatch/:projectId/:month/confirm']),
    },
    handler: async (req) => confirmDispatch(ctx, actorOf(req), req.params.projectId, req.params.month, req.body),
  });
}
