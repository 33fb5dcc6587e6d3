import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';

/** A setting's value, or undefined when unset. `forUpdate` locks the row inside a transaction. */
export async function getSetting(db: Executor, key: string, forUpdate = false): Promise<unknown> {
  const q = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row?.value ?? undefined;
}

/** Sets a setting at `at` (the caller's clock); `null` removes it. */
export async function putSetting(
  db: Executor,
  key: string,
  value: unknown,
  by: number | null,
  at: Date,
): Promise<void> {
  if (value === null) {
    await db.delete(settings).where(eq(settings.key, key));
    return;
  }
  await db
    .insert(settings)
    .values({ key, value, updatedBy: by, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at, updatedBy: by } });
}
