import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { rolesApi } from '../../../shared/api/roles.js';
import { routeSchema } from '../../http/contract.js';
import { rolePolicy } from './role.policy.js';
import { listRoleDefinitions, setUserRoles } from './role.service.js';
import { setUserScope } from './scope.service.js';

export async function roleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['roles'];

  r.get('/api/roles', {
    config: { permission: rolePolicy.list },
    schema: { tags, summary: '角色定义 / role definitions', ...routeSchema(rolesApi['GET /api/roles']) },
    handler: async () => ({ data: listRoleDefinitions() }),
  });

  r.put('/api/users/:id/roles', {
    config: { permission: rolePolicy.grant },
    schema: {
      tags,
      summary: '授予角色 / set a user’s roles',
      ...routeSchema(rolesApi['PUT /api/users/:id/roles']),
    },
    handler: async (req) => setUserRoles(ctx, actorOf(req), req.params.id, req.body.roles),
  });

  r.put('/api/users/:id/scope', {
    config: { permission: rolePolicy.grant },
    schema: {
      tags,
      summary: '调整数据范围（授权）/ set a user’s scope (a grant)',
      ...routeSchema(rolesApi['PUT /api/users/:id/scope']),
    },
    handler: async (req) => setUserScope(ctx, actorOf(req), req.params.id, req.body.scopeUnitId),
  });
}
