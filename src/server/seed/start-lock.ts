import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';

/** Advisory-lock key of first-start work (roles, calendar seed, demo or production bootstrap). */
const FIRST_START_LOCK_KEY = 7_305_2027;

/**
 * Holds the first-start lock until `tx` ends. Two servers starting at once on one empty PostgreSQL
 * database both check "is it empty?"; the lock makes the second wait for the first's commit, and its
 * check — repeated inside the transaction, after the lock — then sees the rows and loads nothing.
 * On PGlite (one process per data dir) it costs nothing and keeps one code path.
 */
export async function lockFirstStart(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_START_LOCK_KEY})`);
}
