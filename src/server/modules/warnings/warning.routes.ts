import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { int4 } from '../../../shared/input.js';
import { actorOf } from '../../http/authenticate.js';
import { projectPolicy } from '../projects/index.js';
import { projectIdParams } from '../projects/index.js';
import { requireProject } from '../projects/index.js';
import { presentReasons } from '../projects/index.js';
import { warningMonthsOf, warningRulesSchema } from './warning.repository.js';
import { getRegionRules, updateRegionRules } from './warning.rules.js';

export async function warningRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['warnings'];

  r.get('/api/warning-rules', {
    config: { permission: projectPolicy.read },
    schema: { tags, summary: '本区域的红黄蓝预警规则 / the region’s warning rules' },
    handler: async (req) => getRegionRules(ctx, actorOf(req)),
  });

  r.put('/api/warning-rules', {
    config: { permission: projectPolicy.rules },
    schema: {
      tags,
      summary: '修改预警规则并重算本区域项目 / change the rules and recompute the region',
      body: z.object({ rules: warningRulesSchema, version: int4 }),
    },
    handler: async (req) => updateRegionRules(ctx, actorOf(req), req.body.rules, req.body.version),
  });

  r.get('/api/projects/:id/warnings', {
    config: { permission: projectPolicy.read },
    schema: { tags, summary: '项目逐月预警颜色 / the project’s colour for every month', params: projectIdParams },
    handler: async (req) => {
      const a = actorOf(req);
      await requireProject(ctx, a, req.params.id);
      const rows = await warningMonthsOf(ctx.db, a, req.params.id);
      return {
        data: rows.map((m) => ({
          month: m.month,
          colour: m.colour,
          worstColour: m.worstColour,
          reasons: presentReasons(m.reasons, a.lang),
          rulesVersion: m.rulesVersion,
          computedAt: m.computedAt.toISOString(),
        })),
      };
    },
  });
}
