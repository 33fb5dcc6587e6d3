import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { migrateDatabase } from '../src/server/db/migrate.js';

export const BENCH_PG_URL =
  process.env.XIANFENG_BENCH_PG_URL ??
  process.env.BENCH_PG_URL ??
  process.env.XIANFENG_TEST_PG_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  database: Database;
  label: string;
  drop(): Promise<void>;
}

/** A fresh, migrated in-memory PGlite. */
export async function benchPglite(): Promise<BenchDatabase> {
  const database = await openDatabase({ kind: 'pglite-memory' });
  await migrateDatabase(database);
  return { database, label: 'PGlite', drop: () => database.close() };
}

/**
 * A fresh, migrated PostgreSQL database, dropped afterwards; undefined when PostgreSQL is not reachable.
 * drop() closes the pool, waits until its backends have gone (pool.end() resolves before its sockets
 * close, and a forced drop would otherwise terminate an idle client and crash the run), then drops.
 */
export async function benchPostgres(
  opts: { prefix?: string; poolSize?: number } = {},
): Promise<BenchDatabase | undefined> {
  const admin = new pg.Client({ connectionString: BENCH_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    console.log(
      `!! PostgreSQL not reachable at ${BENCH_PG_URL} (${(e as Error).message}): PostgreSQL figures NOT measured`,
    );
    return undefined;
  }
  const name = `xf_bench_${opts.prefix ? `${opts.prefix}_` : ''}${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const u = new URL(BENCH_PG_URL);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: opts.poolSize ?? 16 });
  await migrateDatabase(database);
  return {
    database,
    label: 'PostgreSQL',
    drop: async () => {
      await database.close();
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query<{ n: number }>(
          'select count(*)::int as n from pg_stat_activity where datname = $1',
          [name],
        );
        if (!rows[0]?.n) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
