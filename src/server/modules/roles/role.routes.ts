import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate.js';
import { ROLE_CODES } from '../../../shared/roles.js';
import { PERMISSIONS } from '../../../shared/permissions.js';
import { userIdParams, userView } from '../users/index.js';
import { rolePolicy } from './role.policy.js';
import { listRoleDefinitions, setUserRoles } from './role.service.js';
import { setUserScope } from './scope.service.js';

const roleView = z.object({
  code: z.enum(ROLE_CODES),
  kind: z.enum(['admin', 'business']),
  zh: z.string(),
  en: z.string(),
  descriptionZh: z.string(),
  permissions: z.array(z.enum(PERMISSIONS)),
});

export async function roleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['roles'];

  r.get('/api/roles', {
    config: { permission: rolePolicy.list },
    schema: { tags, summary: '角色定义 / role definitions', response: { 200: z.object({ data: z.array(roleView) }) } },
    handler: async () => ({ data: listRoleDefinitions() }),
  });

  r.put('/api/users/:id/roles', {
    config: { permission: rolePolicy.grant },
    schema: {
      tags,
      summary: '授予角色 / set a user’s roles',
      params: userIdParams,
      body: z.object({ roles: z.array(z.enum(ROLE_CODES)).max(ROLE_CODES.length) }),
      response: { 200: userView },
    },
    handler: async (req) => setUserRoles(ctx, actorOf(req), req.params.id, req.body.roles),
  });

  r.put('/api/users/:id/scope', {
    config: { permission: rolePolicy.grant },
    schema: {
      tags,
      summary: '调整数据范围（授权）/ set a user’s scope (a grant)',
      params: userIdParams,
      body: z.object({ scopeUnitId: z.number().int().positive().max(2147483647) }),
      response: { 200: userView },
    },
    handler: async (req) => setUserScope(ctx, actorOf(req), req.params.id, req.body.scopeUnitId),
  });
}
