import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/authenticate.js';
import { HOME_PROVIDERS } from './home.providers.js';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;
  app.get('/api/home', { schema: { tags: ['home'], summary: '待办与提醒 / what needs me now' } }, async (req) => {
    const actor = actorOf(req);
    const lists = await Promise.all(HOME_PROVIDERS.map((p) => p(ctx, actor)));
    const order = { danger: 0, warning: 1, info: 2 } as const;
    const items = lists.flat().sort((a, b) => order[a.level] - order[b.level]);
    return { items: items.map((i) => ({ ...i, title: i.title[actor.lang] })) };
  });
}
