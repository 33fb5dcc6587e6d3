import type { Lang } from '../../errors.js';
import type { notifications } from '../../db/schema/index.js';
import type { NotificationView } from '../../../shared/api/notifications.js';

/** One notification in the reader's language (the stored data and dedupe key stay inside). */
export function presentNotification(n: typeof notifications.$inferSelect, lang: Lang): NotificationView {
  const en = lang === 'en';
  return {
    id: n.id,
    kind: n.kind,
    title: en ? n.titleEn : n.titleZh,
    body: en ? n.bodyEn : n.bodyZh,
    link: n.link,
    entity: n.entity,
    entityId: n.entityId,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  };
}
