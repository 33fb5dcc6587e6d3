import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { notifications } from '../../db/schema/index.js';

type NotificationRow = typeof notifications.$inferSelect;

/**
 * The queries of the notifications table. An inbox is personal: every read and read mark is scoped to
 * the actor's own user id (nobody reads another's inbox).
 */
export type NewNotificationRow = typeof notifications.$inferInsert;

/** Of these users, those who already have an unread notification with the key (no duplicate reminders). */
export async function usersWithUnreadKey(tx: Executor, userIds: number[], dedupeKey: string): Promise<Set<number>> {
  const existing = await tx
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(
      and(inArray(notifications.userId, userIds), eq(notifications.dedupeKey, dedupeKey), isNull(notifications.readAt)),
    );
  return new Set(existing.map((e) => e.userId));
}

export async function insertNotifications(tx: Executor, rows: NewNotificationRow[]): Promise<void> {
  await tx.insert(notifications).values(rows);
}

export async function countUnread(db: Executor, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listInbox(
  db: Executor,
  actor: Actor,
  opts: { unreadOnly: boolean; page: number; pageSize: number },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const where = and(eq(notifications.userId, actor.userId), opts.unreadOnly ? isNull(notifications.readAt) : undefined);
  const [rows, [count], unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.id))
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(where),
    countUnread(db, actor),
  ]);
  return { rows, total: count?.n ?? 0, unread };
}

export async function markRead(db: Executor, actor: Actor, ids: number[] | 'all', at: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.userId, actor.userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    );
}
