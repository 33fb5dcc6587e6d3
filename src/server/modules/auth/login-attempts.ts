import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { loginAttempts } from '../../db/schema/index.js';

export interface AttemptState {
  failures: number;
  lockedUntil: Date | null;
}

export async function getAttempts(db: Executor, username: string): Promise<AttemptState | undefined> {
  const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.username, username));
  return row ? { failures: row.failures, lockedUntil: row.lockedUntil } : undefined;
}

/**
 * Counts one failure atomically (safe under concurrent attempts on PostgreSQL) and locks the name
 * when the count reaches `max`. Returns the state after this failure.
 */
export async function recordFailure(
  db: Executor,
  username: string,
  at: Date,
  max: number,
  lockMinutes: number,
): Promise<AttemptState> {
  const lockUntil = new Date(at.getTime() + lockMinutes * 60_000);
  const atTs = sql`${at.toISOString()}::timestamptz`;
  const lockTs = sql`${lockUntil.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(loginAttempts)
    .values({ username, failures: 1, lastFailureAt: at, lockedUntil: max <= 1 ? lockUntil : null })
    .onConflictDoUpdate({
      target: loginAttempts.username,
      set: {
        // A lock that has run out starts a fresh count.
        failures: sql`case when ${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= ${atTs} then 1 else ${loginAttempts.failures} + 1 end`,
        lockedUntil: sql`case when ${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= ${atTs} then null
                              when ${loginAttempts.failures} + 1 >= ${max} then ${lockTs} else ${loginAttempts.lockedUntil} end`,
        lastFailureAt: at,
      },
    })
    .returning();
  return { failures: row?.failures ?? 1, lockedUntil: row?.lockedUntil ?? null };
}

export async function clearAttempts(db: Executor, username: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.username, username));
}
