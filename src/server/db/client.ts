import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
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

/**
 * PGlite's start parameters, its defaults plus a smaller buffer cache. Postgres's `shared_buffers`
 * (128 MB by default) is allocated and written through at start inside PGlite's WASM heap, so every
 * MB of it is a resident MB from the first second, and the heap never shrinks. 16 MB holds the demo
 * database twice over; a page not in it is one read from the data directory, which the operating
 * system's page cache keeps (decision 027-pglite-memory, with the figures).
 */
export const PGLITE_SHARED_BUFFERS = '16MB';
export const pgliteOptions: Pick<PGliteOptions, 'startParams' | 'extensions'> = {
  startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  extensions: PGLITE_EXTENSIONS,
};

const execFileAsync = promisify(execFile);

/**
 * A new data directory is made by initdb in a short-lived child process. In-process, PGlite runs
 * initdb in a second WASM instance (and a third PGlite) whose 128 MB heaps and copies of the data
 * directory stay resident until V8 collects them, which an idle server may not do for a long time:
 * a fresh start idled at 600–950 MB against 470 MB on the same directory reopened.
 */
export async function initPgliteDataDir(dir: string): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `require(${JSON.stringify(entry)}).PGlite.create(${JSON.stringify(dir)}).then((db) => db.close())`;
  await execFileAsync(process.execPath, ['-e', script], { env: process.env });
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
    const client = await PGlite.create(
      opts.loadDataDir ? { ...pgliteOptions, loadDataDir: opts.loadDataDir } : pgliteOptions,
    );
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return { db, kind: 'pglite', pglite: client, close: () => client.close() };
  }
  const lock: DataDirLock = await acquireDataDirLock(opts.dataDir, opts.lockPurpose ?? 'server');
  try {
    const dir = join(resolve(opts.dataDir), 'pglite');
    mkdirSync(dir, { recursive: true });
    await initPgliteDataDir(dir);
    return pgliteHoldingLock(await PGlite.create(dir, pgliteOptions), lock);
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

/**
 * Runs reads side by side on the pool, one after the other inside a transaction: a transaction is one
 * connection, and node-postgres queues (and warns about, and in pg 9 refuses) a query sent while
 * another runs on it.
 */
export async function allOn<T extends readonly unknown[]>(
  db: Executor,
  reads: { [K in keyof T]: () => PromiseLike<T[K]> },
): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((r) => r()))) as unknown as T;
  const out: unknown[] = [];
  for (const r of reads) out.push(await r());
  return out as unknown as T;
}
