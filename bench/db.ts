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
  /** True when `keep` named a database that already existed (its data is reused, not regenerated). */
  reused?: boolean;
  drop(): Promise<void>;
}

/** A fresh, migrated in-memory PGlite. */
export async function benchPglite(): Promise<BenchDatabase> {
  const database = await openDatabase({ kind: 'pglite-memory' });
  await migrateDatabase(database);
  return { database, label: 'PGlite', drop: () => database.close() };
}

/**
 * A fresh, migrated PostgreSQL database, dropped afterwards (or, with `keep: 'xf_keep_…'`, a named one that is
 * created on the first run, reused by the next ones and never dropped here); undefined when PostgreSQL is not reachable.
 * drop() closes the pool, waits until its backends have gone (pool.end() resolves before its sockets
 * close, and a forced drop would otherwise terminate an idle client and crash the run), then drops.
 */
export async function benchPostgres(
  opts: { prefix?: string; poolSize?: number; keep?: string } = {},
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
  if (opts.keep !== undefined && !/^xf_keep_[a-z0-9_]+$/.test(opts.keep)) throw new Error('keep: xf_keep_<name>');
  const name = opts.keep ?? `xf_bench_${opts.prefix ? `${opts.prefix}_` : ''}${randomBytes(4).toString('hex')}`;
  const reused =
    opts.keep !== undefined &&
    (await admin.query('select 1 from pg_database where datname = $1', [name])).rows.length > 0;
  if (!reused) await admin.query(`create database ${name}`);
  const u = new URL(BENCH_PG_URL);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: opts.poolSize ?? 16 });
  await migrateDatabase(database);
  return {
    database,
    label: 'PostgreSQL',
    reused,
    drop: async () => {
      if (opts.keep !== undefined) {
        // a kept database stays for the next run (drop it by hand: drop database <name>)
        await database.close();
        await admin.end();
        return;
      }
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
