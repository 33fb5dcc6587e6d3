import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { warningsApi } from '../../../shared/api/warnings.js';
import { projectPolicy } from '../projects/index.js';
import { getRegionRules, getWarningMonths, updateRegionRules } from './warning.rules.js';

export async function warningRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['warnings'];

  r.get('/api/warning-rules', {
    config: { permission: projectPolicy.read },
    schema: {
      tags,
      summary: '本区域的红黄蓝预警规则 / the region’s warning rules',
      ...routeSchema(warningsApi['GET /api/warning-rules']),
    },
    handler: async (req) => getRegionRules(ctx, actorOf(req)),
  });

  r.put('/api/warning-rules', {
    config: { permission: projectPolicy.rules },
    schema: {
      tags,
      summary: '修改预警规则并重算本区域项目 / change the rules and recompute the region',
      ...routeSchema(warningsApi['PUT /api/warning-rules']),
    },
    handler: async (req) => updateRegionRules(ctx, actorOf(req), req.body.rules, req.body.version),
  });

  r.get('/api/projects/:id/warnings', {
    config: { permission: projectPolicy.read },
    schema: {
      tags,
      summary: '项目逐月预警颜色 / the project’s colour for every month',
      ...routeSchema(warningsApi['GET /api/projects/:id/warnings']),
    },
    handler: async (req) => getWarningMonths(ctx, actorOf(req), req.params.id),
  });
}
