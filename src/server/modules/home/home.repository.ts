import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog, loginAttempts, userRoles, users } from '../../db/schema/index.js';

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

/** Audit records since a moment (system-wide: only shown to whoever may read the audit). */
export async function countAuditSince(db: Executor, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(gt(auditLog.at, since));
  return row?.n ?? 0;
}

/** Active accounts, and those among them holding no role (they can log in and see nothing). */
export async function countAccountsByRole(db: Executor): Promise<{ active: number; withoutRole: number }> {
  const [row] = await db
    .select({
      active: sql<number>`count(*)::int`,
      withoutRole: sql<number>`(count(*) filter (where not exists (select 1 from ${userRoles} r where r.user_id = ${users.id})))::int`,
    })
    .from(users)
    .where(eq(users.disabled, false));
  return { active: row?.active ?? 0, withoutRole: row?.withoutRole ?? 0 };
}
