import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { supervisionApi } from '../../../shared/api/supervision.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { registerAuditLabels } from '../audit/index.js';
import {
  addFinding,
  createVisit,
  getVisit,
  listVisits,
  projectFindings,
  updateFinding,
} from './supervision.service.js';

registerFieldLabels({
  groupName: '督导组',
  visitedOn: '督办日期',
  quarter: '季度',
  members: '督导组成员',
  summary: '督办小结',
  description: '问题描述',
  resolution: '整改情况',
  problemId: '问题台账编号',
  status: '状态',
});
registerAuditLabels(
  {
    supervision_visit: '季督办',
    supervision_finding: '督办发现',
    dispatch_report: '月调度报告',
    approval_item: '审批事项',
    observation_event: '半年观摩',
    observation_score: '观摩评分',
  },
  { confirm: '确认', score: '评分' },
);

/** 季督办: visits of the supervision group and their findings per project. */
export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['supervision'];

  r.get('/api/supervision/visits', {
    config: { permission: 'supervision.read' },
    schema: {
      tags,
      summary: '季督办记录 / supervision visits',
      ...routeSchema(supervisionApi['GET /api/supervision/visits']),
    },
    handler: async (req) => listVisits(ctx, actorOf(req), req.query),
  });

  r.post('/api/supervision/visits', {
    config: { permission: 'supervision.write' },
    schema: {
      tags,
      summary: '登记季督办 / record a visit',
      ...routeSchema(supervisionApi['POST /api/supervision/visits']),
    },
    handler: async (req) => createVisit(ctx, actorOf(req), req.body),
  });

  r.get('/api/supervision/visits/:id', {
    config: { permission: 'supervision.read' },
    schema: {
      tags,
      summary: '督办详情与发现 / a visit with its findings',
      ...routeSchema(supervisionApi['GET /api/supervision/visits/:id']),
    },
    handler: async (req) => getVisit(ctx, actorOf(req), req.params.id),
  });

  r.post('/api/supervision/visits/:id/findings', {
    config: { permission: 'supervision.write' },
    schema: {
      tags,
      summary: '记录督办发现（可转入问题台账）/ record a finding',
      ...routeSchema(supervisionApi['POST /api/supervision/visits/:id/findings']),
    },
    handler: async (req) => addFinding(ctx, actorOf(req), req.params.id, req.body),
  });

  r.patch('/api/supervision/findings/:id', {
    config: { permission: 'supervision.write' },
    schema: {
      tags,
      summary: '整改完成或关联问题台账 / resolve or link a finding',
      ...routeSchema(supervisionApi['PATCH /api/supervision/findings/:id']),
    },
    handler: async (req) => updateFinding(ctx, actorOf(req), req.params.id, req.body),
  });

  r.get('/api/projects/:id/findings', {
    config: { permission: 'projects.read' },
    schema: {
      tags,
      summary: '项目的督办发现 / findings of a project',
      ...routeSchema(supervisionApi['GET /api/projects/:id/findings']),
    },
    handler: async (req) => projectFindings(ctx, actorOf(req), req.params.id),
  });
}
