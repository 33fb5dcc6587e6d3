import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { projectsApi } from '../../../shared/api/projects.js';
import { projectPolicy } from './project.policy.js';
import { getProject, getProjectHistory, requireProject } from './project.service.js';
import { addNode, reportInvestment, reportProgress, updateNode } from './node.service.js';

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
      ...routeSchema(projectsApi['POST /api/projects/:id/nodes']),
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
      ...routeSchema(projectsApi['PATCH /api/projects/:id/nodes/:nodeId']),
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
      ...routeSchema(projectsApi['POST /api/projects/:id/progress']),
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
      ...routeSchema(projectsApi['PUT /api/projects/:id/investments/:month']),
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
      ...routeSchema(projectsApi['GET /api/projects/:id/history']),
    },
    handler: async (req) => getProjectHistory(ctx, actorOf(req), req.params.id, req.query),
  });
}
