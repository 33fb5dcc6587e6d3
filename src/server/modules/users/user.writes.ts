import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../../db/schema/index.js';

/**
 * The writes to `users` that other modules need (the users module owns the table): auth records a
 * login and sets passwords, roles moves a scope, the break-glass restores an account. Each runs on
 * the caller's transaction, so the caller's audit row commits with it.
 */

/** A successful login. */
export async function recordLogin(tx: Executor, userId: number, at: Date): Promise<void> {
  await tx.update(users).set({ lastLoginAt: at }).where(eq(users.id, userId));
}

/** The user chose a password themself (own change, first-start setup): nothing left to change. */
export async function setOwnPassword(tx: Executor, userId: number, hash: string, at: Date): Promise<void> {
  await tx
    .update(users)
    .set({ passwordHash: hash, mustChangePassword: false, passwordChangedAt: at, updatedAt: at })
    .where(eq(users.id, userId));
}

/** Moves the user's scope node (a grant, decided by the roles module). */
export async function setScopeUnit(tx: Executor, userId: number, scopeUnitId: number, at: Date): Promise<void> {
  await tx.update(users).set({ scopeUnitId, updatedAt: at }).where(eq(users.id, userId));
}

/** Enables the account and, with a hash, sets a temporary password to change at first login. */
export async function restoreAccount(tx: Executor, userId: number, hash: string | null, at: Date): Promise<void> {
  await tx
    .update(users)
    .set({ disabled: false, updatedAt: at, ...(hash ? { passwordHash: hash, mustChangePassword: true } : {}) })
    .where(eq(users.id, userId));
}

/** The full row (with the password hash) for the auth module's own checks. */
export async function findAccountById(db: Executor, id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}
