import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { sendFile, XLSX_TYPE } from '../../files/xlsx.js';
import { tasksApi } from '../../../shared/api/tasks.js';
import { createExportTask, getMyTask, listMyTasks, myTaskFile } from './task.service.js';

/** 任务中心: every logged-in user's own tasks; nobody (administrators included) reads another's. */
export async function taskRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['tasks'];

  r.get('/api/tasks', {
    schema: { tags, summary: '任务中心：我的任务 / my tasks', ...routeSchema(tasksApi['GET /api/tasks']) },
    handler: async (req) => listMyTasks(ctx, actorOf(req), req.query),
  });

  r.post('/api/tasks', {
    schema: {
      tags,
      summary: '以任务方式导出列表（数据量大时）/ export a list as a task',
      ...routeSchema(tasksApi['POST /api/tasks']),
    },
    handler: async (req) => createExportTask(ctx, actorOf(req), req.body),
  });

  r.get('/api/tasks/:id', {
    schema: {
      tags,
      summary: '任务详情与导入报告 / a task and its report',
      ...routeSchema(tasksApi['GET /api/tasks/:id']),
    },
    handler: async (req) => getMyTask(ctx, actorOf(req), req.params.id),
  });

  r.get('/api/tasks/:id/file', {
    schema: {
      tags,
      summary: '下载任务结果文件（仅本人）/ download the result (owner only)',
      ...routeSchema(tasksApi['GET /api/tasks/:id/file']),
    },
    handler: async (req, reply) => {
      const f = await myTaskFile(ctx, actorOf(req), req.params.id);
      return sendFile(reply, f.name, XLSX_TYPE, f.data);
    },
  });
}
