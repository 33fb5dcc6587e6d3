import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as schema from './schema/index.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
import { createResilientPool, type ConnectionErrorListener } from './availability.js';

/** Extensions every PGlite opens with: pg_trgm backs the problem ledger's text search (migration 0008). */
export const PGLITE_EXTENSIONS = { pg_trgm };

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or a transaction inside it. */
export type Executor = Db | Tx;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** The PGlite instance, for tests that clone or dump it. */
  pglite?: PGlite;
  /** The PostgreSQL connection string, for work that needs its own connection (advisory locks). */
  url?: string;
  /** PostgreSQL: be told when a connection is lost (the pool itself survives and reconnects). */
  onConnectionError?(listener: ConnectionErrorListener): void;
  close(): Promise<void>;
}

export type OpenOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string; lockPurpose?: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob | File };

export function databaseOptionsFromConfig(
  cfg: { databaseUrl: string | undefined; dataDir: string },
  purpose: string,
): OpenOptions {
  return cfg.databaseUrl
    ? { kind: 'postgres', url: cfg.databaseUrl }
    : { kind: 'pglite', dataDir: cfg.dataDir, lockPurpose: purpose };
}

/** Opens PGlite (embedded, default) or a PostgreSQL pool; the same Drizzle API over both. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === 'postgres') {
    const { pool, onConnectionError } = createResilientPool(opts.url, opts.poolSize ?? 10);
    // Fail fast with the real connection error instead of on the first request.
    const probe = await pool.connect();
    probe.release();
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    let ended: Promise<void> | undefined;
    return { db, kind: 'postgres', url: opts.url, onConnectionError, close: () => (ended ??= pool.end()) };
  }
  if (opts.kind === 'pglite-memory') {
    const client = await PGlite.create(
      opts.loadDataDir
        ? { loadDataDir: opts.loadDataDir, extensions: PGLITE_EXTENSIONS }
        : { extensions: PGLITE_EXTENSIONS },
    );
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return { db, kind: 'pglite', pglite: client, close: () => client.close() };
  }
  const lock: DataDirLock = await acquireDataDirLock(opts.dataDir, opts.lockPurpose ?? 'server');
  try {
    const dir = join(resolve(opts.dataDir), 'pglite');
    mkdirSync(dir, { recursive: true });
    return pgliteHoldingLock(await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS }), lock);
  } catch (e) {
    lock.release();
    throw e;
  }
}

/** A PGlite opened on a locked data directory: closing it releases the lock. */
export function pgliteHoldingLock(client: PGlite, lock: DataDirLock): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    close: async () => {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    },
  };
}

/** Rows of a raw `execute`, whichever driver produced them. */
export async function queryRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const res = (await ex.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
