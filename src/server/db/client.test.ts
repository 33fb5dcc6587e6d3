import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, PGLITE_SHARED_BUFFERS, queryRows } from './client.js';
import { DataDirLockedError } from './lock.js';
import { sql } from 'drizzle-orm';

/**
 * The on-disk PGlite: a new data directory is made by initdb in a child process (decision 027), and
 * the server then opens it under the data-directory lock with its smaller buffer cache.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('PGlite on disk', () => {
  it('a new data directory is initialised, holds the lock, and keeps its data across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'xf-client-'));
    dirs.push(dataDir);
    const first = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
      const refused = await openDatabase({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DataDirLockedError);
      await first.db.execute(sql`create table kept (v text)`);
      await first.db.execute(sql`insert into kept values ('before the restart')`);
      const [buffers] = await queryRows<{ shared_buffers: string }>(first.db, sql`show shared_buffers`);
      expect(buffers?.shared_buffers).toBe(PGLITE_SHARED_BUFFERS);
    } finally {
      await first.close();
    }

    const second = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await queryRows(second.db, sql`select v from kept`)).toEqual([{ v: 'before the restart' }]);
      const refused = await openDatabase({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DataDirLockedError);
    } finally {
      await second.close();
    }
  });
});
