import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate.js';
import { pageQuery } from '../../http/pagination.js';
import { projectPolicy } from './project.policy.js';
import { projectDetail, projectIdParams } from './project.schemas.js';
import { getProject, requireProject } from './project.service.js';
import {
  addNodeBody,
  investmentBody,
  investmentParams,
  nodeParams,
  progressBody,
  updateNodeBody,
} from './node.schemas.js';
import { addNode, reportInvestment, reportProgress, updateNode } from './node.service.js';
import { listHistory } from './history.repository.js';

/** Time nodes, progress, investment and history of one project. */
export async function nodeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['projects'];

  r.post('/api/projects/:id/nodes', {
    config: { permission: projectPolicy.progress },
    schema: {
      tags,
      summary: '新增时间节点 / add a node',
      params: projectIdParams,
      body: addNodeBody,
      response: { 200: projectDetail },
    },
    handler: async (req) => {
      const a = actorOf(req);
      await addNode(ctx, a, await requireProject(ctx, a, req.params.id), req.body);
      return getProject(ctx, a, req.params.id);
    },
  });

  r.patch('/api/projects/:id/nodes/:nodeId', {
    config: { permission: projectPolicy.progress },
    schema: {
      tags,
      summary: '更新时间节点（计划变更留痕）/ update a node',
      params: nodeParams,
      body: updateNodeBody,
      response: { 200: projectDetail },
    },
    handler: async (req) => {
      const a = actorOf(req);
      await updateNode(ctx, a, await requireProject(ctx, a, req.params.id), req.params.nodeId, req.body);
      return getProject(ctx, a, req.params.id);
    },
  });

  r.post('/api/projects/:id/progress', {
    config: { permission: projectPolicy.progress },
    schema: {
      tags,
      summary: '填报形象进度 / report progress',
      params: projectIdParams,
      body: progressBody,
      response: { 200: projectDetail },
    },
    handler: async (req) => {
      const a = actorOf(req);
      await reportProgress(ctx, a, await requireProject(ctx, a, req.params.id), req.body);
      return getProject(ctx, a, req.params.id);
    },
  });

  r.put('/api/projects/:id/investments/:month', {
    config: { permission: projectPolicy.progress },
    schema: {
      tags,
      summary: '填报月度完成投资 / investment of a month',
      params: investmentParams,
      body: investmentBody,
      response: { 200: projectDetail },
    },
    handler: async (req) => {
      const a = actorOf(req);
      await reportInvestment(ctx, a, await requireProject(ctx, a, req.params.id), req.params.month, req.body);
      return getProject(ctx, a, req.params.id);
    },
  });

  r.get('/api/projects/:id/history', {
    config: { permission: projectPolicy.read },
    schema: {
      tags,
      summary: '项目历史（计划变更、进度、预警变化）/ history',
      params: projectIdParams,
      querystring: pageQuery.extend({ kind: z.string().max(20).optional() }),
    },
    handler: async (req) => {
      const a = actorOf(req);
      await requireProject(ctx, a, req.params.id);
      const { rows, total } = await listHistory(ctx.db, a, req.params.id, req.query);
      const en = a.lang === 'en';
      return {
        data: rows.map((h) => ({
          id: h.id,
          at: h.at.toISOString(),
          kind: h.kind,
          actorName: h.actorName,
          text: en ? h.en : h.zh,
          before: h.before,
          after: h.after,
        })),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  });
}
