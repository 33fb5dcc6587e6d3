import { z } from 'zod';
import { idRef } from '../input.js';
import type { ApiTable } from './contract.js';
import { okSchema, pageOf, pageQuery, queryBool } from './page.js';

/** 我的消息: the contract of /api/notifications (server validates, web infers). */
export const inboxQuery = pageQuery.extend({ unread: queryBool.optional() });

export const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

export const inboxPage = pageOf(notificationView).extend({ unread: z.number().int() });

export const markReadBody = z.object({ ids: z.array(idRef).max(500).or(z.literal('all')) });

export type NotificationView = z.infer<typeof notificationView>;
export type InboxPage = z.infer<typeof inboxPage>;

export const notificationsApi = {
  'GET /api/notifications': { query: inboxQuery, response: inboxPage },
  'POST /api/notifications/read': { body: markReadBody, response: okSchema },
} satisfies ApiTable;
