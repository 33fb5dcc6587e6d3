import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { userPolicy } from './user.policy.js';
import { usersApi } from '../../../shared/api/users.js';
import { routeSchema } from '../../http/contract.js';
import { createUser, getUser, listUsersFor, resetPassword, unlockUser, updateUser } from './user.service.js';
import { exportUsers } from './user.export.js';
import { sendFile, XLSX_TYPE } from '../../files/xlsx.js';

export async function userRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['users'];

  r.get('/api/users', {
    config: { permission: userPolicy.list },
    schema: { tags, summary: '用户列表 / list users', ...routeSchema(usersApi['GET /api/users']) },
    handler: async (req) => listUsersFor(ctx, actorOf(req), req.query),
  });

  r.get('/api/users/export', {
    config: { permission: userPolicy.list },
    schema: {
      tags,
      summary: '导出用户（Excel）/ export users',
      ...routeSchema(usersApi['GET /api/users/export']),
    },
    handler: async (req, reply) =>
      sendFile(reply, '用户列表.xlsx', XLSX_TYPE, await exportUsers(ctx, actorOf(req), req.query)),
  });

  r.get('/api/users/:id', {
    config: { permission: userPolicy.read },
    schema: { tags, summary: '用户详情 / user', ...routeSchema(usersApi['GET /api/users/:id']) },
    handler: async (req) => getUser(ctx, actorOf(req), req.params.id),
  });

  r.post('/api/users', {
    config: { permission: userPolicy.create },
    schema: { tags, summary: '新建用户 / create user', ...routeSchema(usersApi['POST /api/users']) },
    handler: async (req) => createUser(ctx, actorOf(req), req.body),
  });

  r.patch('/api/users/:id', {
    config: { permission: userPolicy.update },
    schema: {
      tags,
      summary: '修改用户 / update user',
      ...routeSchema(usersApi['PATCH /api/users/:id']),
    },
    handler: async (req) => updateUser(ctx, actorOf(req), req.params.id, req.body),
  });

  r.post('/api/users/:id/reset-password', {
    config: { permission: userPolicy.resetPassword },
    schema: {
      tags,
      summary: '重置密码 / reset password',
      ...routeSchema(usersApi['POST /api/users/:id/reset-password']),
    },
    handler: async (req) => resetPassword(ctx, actorOf(req), req.params.id, req.body.password),
  });

  r.post('/api/users/:id/unlock', {
    config: { permission: userPolicy.unlock },
    schema: { tags, summary: '解除锁定 / unlock', ...routeSchema(usersApi['POST /api/users/:id/unlock']) },
    handler: async (req) => unlockUser(ctx, actorOf(req), req.params.id),
  });
}
