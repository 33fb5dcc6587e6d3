import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idRef } from '../../../shared/input.js';
import { actorOf } from '../../http/authenticate.js';
import { pageQuery, queryBool } from '../../http/pagination.js';
import { listInbox, markRead } from './notification.service.js';

/** Each user's own inbox; nobody reads another's. Read marks are personal state and not audited. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['notifications'];

  r.get('/api/notifications', {
    schema: { tags, summary: '我的消息 / my inbox', querystring: pageQuery.extend({ unread: queryBool.optional() }) },
    handler: async (req) => {
      const a = actorOf(req);
      const { rows, total, unread } = await listInbox(ctx.db, a.userId, {
        unreadOnly: req.query.unread ?? false,
        page: req.query.page,
        pageSize: req.query.pageSize,
      });
      const en = a.lang === 'en';
      return {
        data: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: en ? n.titleEn : n.titleZh,
          body: en ? n.bodyEn : n.bodyZh,
          link: n.link,
          entity: n.entity,
          entityId: n.entityId,
          createdAt: n.createdAt.toISOString(),
          read: n.readAt !== null,
        })),
        total,
        unread,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  });

  r.post('/api/notifications/read', {
    schema: {
      tags,
      summary: '标记已读 / mark read',
      body: z.object({ ids: z.array(idRef).max(500).or(z.literal('all')) }),
    },
    handler: async (req) => {
      await markRead(ctx.db, actorOf(req).userId, req.body.ids, ctx.clock.now());
      return { ok: true };
    },
  });
}
