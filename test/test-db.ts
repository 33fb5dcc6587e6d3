import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { withDatabase } from './global-setup.js';

export interface TestDatabase {
  database: Database;
  /** Connection string of this file's own PostgreSQL database (postgres mode only). */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a PGlite loaded from the run's dump, or a PostgreSQL
 * database copied from the run's template. Either way no other file sees its rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (inject('dbMode') === 'pglite') {
    const blob = new Blob([readFileSync(inject('pgliteDump'))]);
    const database = await openDatabase({ kind: 'pglite-memory', loadDataDir: blob });
    return { database, drop: () => database.close() };
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `${inject('pgPrefix')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
      break;
    } catch (e) {
      // Two files copying the template at the same instant: PostgreSQL refuses one; try again.
      if (attempt >= 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      // pool.end() resolves before its sockets close; dropping "with (force)" while a backend is
      // still there sends the closing client a FATAL 57P01 nobody listens to (an unhandled error).
      for (let i = 0; i < 40; i++) {
        const { rows } = await c.query<{ n: number }>(
          'select count(*)::int as n from pg_stat_activity where datname = $1',
          [name],
        );
        if (!rows[0]?.n) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
