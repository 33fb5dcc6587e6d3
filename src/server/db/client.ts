import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as schema from './schema/index.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
import { createResilientPool, type ConnectionErrorListener } from './availability.js';

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
  /** PostgreSQL with DATABASE_REPLICA_URL: the standby that report reads may use (db/replica.ts). */
  replica?: ReplicaDatabase;
  close(): Promise<void>;
}

/** A read-only standby: its own pool (with its own 'error' listeners), never written to. */
export interface ReplicaDatabase {
  db: Db;
  url?: string;
  onConnectionError?(listener: ConnectionErrorListener): void;
  close(): Promise<void>;
}

export type OpenOptions =
  | { kind: 'postgres'; url: string; poolSize?: number; replicaUrl?: string | undefined }
  | { kind: 'pglite'; dataDir: string; lockPurpose?: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob | File };

export function databaseOptionsFromConfig(
  cfg: { databaseUrl: string | undefined; databaseReplicaUrl?: string | undefined; dataDir: string },
  purpose: string,
): OpenOptions {
  return cfg.databaseUrl
    ? { kind: 'postgres', url: cfg.databaseUrl, replicaUrl: cfg.databaseReplicaUrl }
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
    // No probe of the replica: a standby that is down at start is skipped (db/replica.ts) until it answers.
    const replica = opts.replicaUrl ? openReplica(opts.replicaUrl, opts.poolSize ?? 10) : undefined;
    let ended: Promise<void> | undefined;
    const close = () => (ended ??= Promise.all([pool.end(), replica?.close()]).then(() => undefined));
    return { db, kind: 'postgres', url: opts.url, onConnectionError, ...(replica ? { replica } : {}), close };
  }
  if (opts.kind === 'pglite-memory') {
    const client = await PGlite.create(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return { db, kind: 'pglite', pglite: client, close: () => client.close() };
  }
  const lock: DataDirLock = await acquireDataDirLock(opts.dataDir, opts.lockPurpose ?? 'server');
  try {
    const dir = join(resolve(opts.dataDir), 'pglite');
    mkdirSync(dir, { recursive: true });
    return pgliteHoldingLock(await PGlite.create(dir), lock);
  } catch (e) {
    lock.release();
    throw e;
  }
}

function openReplica(url: string, poolSize: number): ReplicaDatabase {
  const { pool, onConnectionError } = createResilientPool(url, poolSize);
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  let ended: Promise<void> | undefined;
  return { db, url, onConnectionError, close: () => (ended ??= pool.end()) };
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
