import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { notifications } from '../../db/schema/index.js';
import type { LocalText } from '../../errors.js';

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
    const existing = await tx
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(
        and(
          inArray(notifications.userId, targets),
          eq(notifications.dedupeKey, n.dedupeKey),
          isNull(notifications.readAt),
        ),
      );
    const skip = new Set(existing.map((e) => e.userId));
    targets = targets.filter((u) => !skip.has(u));
  }
  if (targets.length === 0) return 0;
  await tx.insert(notifications).values(
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

export async function listInbox(
  db: Executor,
  userId: number,
  opts: { unreadOnly: boolean; page: number; pageSize: number },
) {
  const where = and(eq(notifications.userId, userId), opts.unreadOnly ? isNull(notifications.readAt) : undefined);
  const [rows, [count], [unread]] = await Promise.all([
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
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { rows, total: count?.n ?? 0, unread: unread?.n ?? 0 };
}

export async function markRead(db: Executor, userId: number, ids: number[] | 'all', at: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    );
}
