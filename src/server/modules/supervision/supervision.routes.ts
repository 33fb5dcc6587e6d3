import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, idRef } from '../../../shared/input.js';
import { actorOf } from '../../http/authenticate.js';
import { isoDateString, pageQuery } from '../../http/pagination.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { registerAuditLabels } from '../audit/index.js';
import { projectIdParams } from '../projects/index.js';
import { requireProject } from '../projects/index.js';
import {
  addFinding,
  createVisit,
  findingsOfProject,
  getVisit,
  listVisits,
  updateFinding,
} from './supervision.service.js';

const idParams = z.object({ id: idParam });
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'YYYY-Qn');

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
      querystring: pageQuery.extend({ quarter: quarter.optional() }),
    },
    handler: async (req) => listVisits(ctx, actorOf(req), req.query),
  });

  r.post('/api/supervision/visits', {
    config: { permission: 'supervision.write' },
    schema: {
      tags,
      summary: '登记季督办 / record a visit',
      body: z.object({
        groupName: z.string().trim().min(2).max(64),
        visitedOn: isoDateString,
        quarter: quarter.optional(),
        members: z.string().trim().max(200).nullable().optional(),
        summary: z.string().trim().max(2000).nullable().optional(),
      }),
    },
    handler: async (req) => createVisit(ctx, actorOf(req), req.body),
  });

  r.get('/api/supervision/visits/:id', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '督办详情与发现 / a visit with its findings', params: idParams },
    handler: async (req) => getVisit(ctx, actorOf(req), req.params.id),
  });

  r.post('/api/supervision/visits/:id/findings', {
    config: { permission: 'supervision.write' },
    schema: {
      tags,
      summary: '记录督办发现（可转入问题台账）/ record a finding',
      params: idParams,
      body: z.object({
        projectId: idRef,
        description: z.string().trim().min(4).max(500),
        responsibleUnitId: idRef.nullable().optional(),
      }),
    },
    handler: async (req) => addFinding(ctx, actorOf(req), req.params.id, req.body),
  });

  r.patch('/api/supervision/findings/:id', {
    config: { permission: 'supervision.write' },
    schema: {
      tags,
      summary: '整改完成或关联问题台账 / resolve or link a finding',
      params: idParams,
      body: z.object({
        status: z.enum(['open', 'resolved']).optional(),
        resolution: z.string().trim().max(500).nullable().optional(),
        problemId: idRef.nullable().optional(),
      }),
    },
    handler: async (req) => updateFinding(ctx, actorOf(req), req.params.id, req.body),
  });

  r.get('/api/projects/:id/findings', {
    config: { permission: 'projects.read' },
    schema: { tags, summary: '项目的督办发现 / findings of a project', params: projectIdParams },
    handler: async (req) => {
      const a = actorOf(req);
      return findingsOfProject(ctx, a, await requireProject(ctx, a, req.params.id));
    },
  });
}
