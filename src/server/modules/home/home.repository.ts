import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog, loginAttempts } from '../../db/schema/index.js';

/** Accounts locked now (system-wide: only shown to whoever may manage users). */
export async function countLockedAccounts(db: Executor, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(gt(loginAttempts.lockedUntil, now));
  return row?.n ?? 0;
}

/** Failed logins and lockouts since a moment (system-wide: only shown to whoever may read the audit). */
export async function countFailedLoginsSince(db: Executor, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, 'auth'),
        sql`${auditLog.action} in ('login_failed','account_locked')`,
        gt(auditLog.at, since),
      ),
    );
  return row?.n ?? 0;
}
