import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { sendFile, XLSX_TYPE } from '../../files/xlsx.js';
import { projectsApi } from '../../../shared/api/projects.js';
import { projectPolicy } from './project.policy.js';
import { facetsFor, getProject, listAssignees, listProjectsFor, requireProject } from './project.service.js';
import { registerProject, updateProject } from './project.register.js';
import { exportProjects } from './project.export.js';
import { getBoard } from './board.service.js';
import { reportCtx } from '../../http/read-routing.js';
import './project.labels.js';

export async function projectRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['projects'];

  r.get('/api/projects', {
    config: { permission: projectPolicy.list },
    schema: {
      tags,
      summary: '项目列表（筛选、分页）/ list projects',
      ...routeSchema(projectsApi['GET /api/projects']),
    },
    handler: async (req) => listProjectsFor(ctx, actorOf(req), req.query),
  });

  r.get('/api/projects/export', {
    config: { permission: projectPolicy.list },
    schema: {
      tags,
      summary: '导出项目台账（Excel）/ export projects',
      ...routeSchema(projectsApi['GET /api/projects/export']),
    },
    handler: async (req, reply) =>
      sendFile(reply, '项目台账.xlsx', XLSX_TYPE, await exportProjects(ctx, actorOf(req), req.query)),
  });

  r.get('/api/projects/facets', {
    config: { permission: projectPolicy.list },
    schema: {
      tags,
      summary: '筛选项（乡镇、产业链、包联领导）/ filter choices',
      ...routeSchema(projectsApi['GET /api/projects/facets']),
    },
    handler: async (req) => facetsFor(ctx, actorOf(req)),
  });

  r.get('/api/projects/assignees', {
    config: { permission: projectPolicy.list },
    schema: {
      tags,
      summary: '可选的包联领导、项目专员、责任人 / people to assign',
      ...routeSchema(projectsApi['GET /api/projects/assignees']),
    },
    handler: async (req) => listAssignees(ctx, actorOf(req), req.query),
  });

  r.get('/api/projects/board', {
    config: { permission: projectPolicy.board },
    schema: {
      tags,
      summary: '红黄蓝公示栏（本区域全部项目）/ the region’s public board',
      ...routeSchema(projectsApi['GET /api/projects/board']),
    },
    handler: async (req) => getBoard(reportCtx(ctx, req), actorOf(req), req.query),
  });

  r.get('/api/projects/:id', {
    config: { permission: projectPolicy.read },
    schema: {
      tags,
      summary: '项目详情（含预警颜色与原因）/ project with its warning',
      ...routeSchema(projectsApi['GET /api/projects/:id']),
    },
    handler: async (req) => getProject(ctx, actorOf(req), req.params.id),
  });

  r.post('/api/projects', {
    config: { permission: projectPolicy.create },
    schema: { tags, summary: '登记项目 / register a project', ...routeSchema(projectsApi['POST /api/projects']) },
    handler: async (req) => {
      const a = actorOf(req);
      return getProject(ctx, a, await registerProject(ctx, a, req.body));
    },
  });

  r.patch('/api/projects/:id', {
    config: { permission: projectPolicy.update },
    schema: {
      tags,
      summary: '修改项目（含阶段）/ update a project',
      ...routeSchema(projectsApi['PATCH /api/projects/:id']),
    },
    handler: async (req) => {
      const a = actorOf(req);
      await updateProject(ctx, a, await requireProject(ctx, a, req.params.id), req.body);
      return getProject(ctx, a, req.params.id);
    },
  });
}
