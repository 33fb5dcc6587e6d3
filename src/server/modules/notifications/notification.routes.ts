import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { notificationsApi } from '../../../shared/api/notifications.js';
import { inboxOf, markInboxRead } from './notification.service.js';

/** Each user's own inbox; nobody reads another's. Read marks are personal state and not audited. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['notifications'];

  r.get('/api/notifications', {
    schema: { tags, summary: '我的消息 / my inbox', ...routeSchema(notificationsApi['GET /api/notifications']) },
    handler: async (req) => inboxOf(ctx, actorOf(req), req.query),
  });

  r.post('/api/notifications/read', {
    schema: { tags, summary: '标记已读 / mark read', ...routeSchema(notificationsApi['POST /api/notifications/read']) },
    handler: async (req) => markInboxRead(ctx, actorOf(req), req.body.ids),
  });
}
