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
 * Reserves one password check for a typed username, atomically, BEFORE the password is verified:
 * the attempt counts as a failure until it succeeds (then `clearAttempts` releases it). The attempt
 * that reaches `max` locks the name at once, so however many requests arrive together at most `max`
 * passwords are checked per lock window. Returns the state with this attempt counted, or undefined
 * when the name is locked (no slot: the caller refuses without checking the password).
 *
 * One statement (INSERT … ON CONFLICT DO UPDATE … WHERE): PostgreSQL locks the row and evaluates
 * the WHERE on its latest version, so concurrent reservations never overshoot.
 */
export async function reserveAttempt(
  db: Executor,
  username: string,
  at: Date,
  max: number,
  lockMinutes: number,
): Promise<AttemptState | undefined> {
  const lockUntil = new Date(at.getTime() + lockMinutes * 60_000);
  const atTs = sql`${at.toISOString()}::timestamptz`;
  const lockTs = sql`${lockUntil.toISOString()}::timestamptz`;
  // A lock that has run out starts a fresh count.
  const expired = sql`(${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= ${atTs})`;
  const next = sql`(case when ${expired} then 1 else ${loginAttempts.failures} + 1 end)`;
  const [row] = await db
    .insert(loginAttempts)
    .values({ username, failures: 1, lastFailureAt: at, lockedUntil: max <= 1 ? lockUntil : null })
    .onConflictDoUpdate({
      target: loginAttempts.username,
      set: {
        failures: next,
        lockedUntil: sql`case when ${next} >= ${max} then ${lockTs} else null end`,
        lastFailureAt: at,
      },
      setWhere: sql`${loginAttempts.lockedUntil} is null or ${loginAttempts.lockedUntil} <= ${atTs}`,
    })
    .returning();
  return row ? { failures: row.failures, lockedUntil: row.lockedUntil } : undefined;
}

export async function clearAttempts(db: Executor, username: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.username, username));
}
