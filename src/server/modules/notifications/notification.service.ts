import type { Actor } from '../../actor.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import type { LocalText } from '../../errors.js';
import type { InboxPage } from '../../../shared/api/notifications.js';
import { insertNotifications, listInbox, markRead, usersWithUnreadKey } from './notification.repository.js';
import { presentNotification } from './notification.presenter.js';

export interface NewNotification {
  kind: string;
  title: LocalText;
  body?: LocalText;
  link?: string;
  entity?: string;
  entityId?: string | number;
  data?: unknown;
  /** Skips users who already have an unread notification with this key (no duplicate reminders). */
  dedupeKey?: string;
}

/**
 * Puts a notification in each user's inbox, inside the caller's transaction so it exists exactly
 * when the change that caused it does. Other modules call this; channels (WeCom, DingTalk) come later.
 */
export async function notifyUsers(tx: Executor, userIds: number[], n: NewNotification, at: Date): Promise<number> {
  let targets = [...new Set(userIds)];
  if (targets.length === 0) return 0;
  if (n.dedupeKey) {
    const skip = await usersWithUnreadKey(tx, targets, n.dedupeKey);
    targets = targets.filter((u) => !skip.has(u));
  }
  if (targets.length === 0) return 0;
  await insertNotifications(
    tx,
    targets.map((userId) => ({
      userId,
      kind: n.kind,
      titleZh: n.title.zh,
      titleEn: n.title.en,
      bodyZh: n.body?.zh ?? null,
      bodyEn: n.body?.en ?? null,
      link: n.link ?? null,
      entity: n.entity ?? null,
      entityId: n.entityId === undefined ? null : String(n.entityId),
      data: n.data ?? null,
      dedupeKey: n.dedupeKey ?? null,
      createdAt: at,
    })),
  );
  return targets.length;
}

/** The actor's own inbox, a page of it, newest first. */
export async function inboxOf(
  ctx: AppContext,
  actor: Actor,
  q: { unread?: boolean; page: number; pageSize: number },
): Promise<InboxPage> {
  const { rows, total, unread } = await listInbox(ctx.db, actor, {
    unreadOnly: q.unread ?? false,
    page: q.page,
    pageSize: q.pageSize,
  });
  return {
    data: rows.map((n) => presentNotification(n, actor.lang)),
    total,
    unread,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Marks the actor's own notifications read (personal state, not audited). */
export async function markInboxRead(ctx: AppContext, actor: Actor, ids: number[] | 'all'): Promise<{ ok: true }> {
  await markRead(ctx.db, actor, ids, ctx.clock.now());
  return { ok: true };
}
