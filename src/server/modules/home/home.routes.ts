import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { reportCtx } from '../../http/read-routing.js';
import { homeApi } from '../../../shared/api/home.js';
import type { HomeProvider } from './home.types.js';

const ORDER = { danger: 0, warning: 1, info: 2 } as const;

/** 工作台: the routes of home, answering from the providers the registry hands in (modules/index.ts). */
export function homeRoutes(providers: readonly HomeProvider[]): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { ctx } = app;
    r.get('/api/home', {
      schema: { tags: ['home'], summary: '待办与提醒 / what needs me now', ...routeSchema(homeApi['GET /api/home']) },
      handler: async (req) => {
        const actor = actorOf(req);
        // Counts for "what needs me now": from the read replica unless this session has just written.
        const reads = reportCtx(ctx, req);
        const lists = await Promise.all(providers.map((p) => p(reads, actor)));
        const items = lists.flat().sort((a, b) => ORDER[a.level] - ORDER[b.level]);
        return { items: items.map((i) => ({ ...i, title: i.title[actor.lang] })) };
      },
    });
  };
}
