import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from '../db/client.js';
import { readSnapshotFacts, type BackupManifest } from './backup.manifest.js';
import { tarDirectory } from './backup.tar.js';

export type BackupSource = { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; url: string };

type Facts = Pick<BackupManifest, 'migrations' | 'counts' | 'audit'>;

/** The open database behind a Drizzle instance: the server's own PGlite, or its pool's connection string. */
export function backupSourceOf(db: Db): BackupSource {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite) return { kind: 'pglite', pglite: client };
  const url = (client as { options?: { connectionString?: string } }).options?.connectionString;
  if (!url) throw new Error('backup: cannot tell the PostgreSQL connection string');
  return { kind: 'postgres', url };
}

/** A dump written to a file, with its size and sha256 (the manifest's `dump`). */
export interface DumpFile {
  facts: Facts;
  bytes: number;
  sha256: string;
}

/**
 * Dumps a consistent snapshot to the file `path` (PGlite: the data directory's tar, gzipped; PostgreSQL:
 * pg_dump's custom format) in chunks: neither the dump nor the archive is held whole in memory.
 */
export async function dumpDatabase(src: BackupSource, path: string): Promise<DumpFile> {
  return src.kind === 'pglite' ? dumpPglite(src.pglite, path) : dumpPostgres(src.url, path);
}

/** Streams `source` (optionally gzipped) into a new file, counting and hashing what is written. */
async function toFileHashed(
  source: AsyncIterable<unknown> | Readable,
  path: string,
  gzip: boolean,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const count = async function* (chunks: AsyncIterable<unknown>) {
    for await (const chunk of chunks) {
      const c = chunk as Buffer;
      hash.update(c);
      bytes += c.length;
      yield c;
    }
  };
  const out = createWriteStream(path, { mode: 0o600 });
  if (gzip) await pipeline(source, createGzip(), count, out);
  else await pipeline(source, count, out);
  return { bytes, sha256: hash.digest('hex') };
}

/** A PGlite whose data directory is a real directory (not memory://, idb:// or opfs): its path. */
function diskDataDir(db: PGlite): string | undefined {
  const dir = db.dataDir;
  if (!dir || /^[a-z]+:\/\//i.test(dir)) return undefined;
  return existsSync(join(dir, 'PG_VERSION')) ? dir : undefined;
}

/**
 * PGlite runs one transaction at a time: inside our own (read-only) transaction no other write can
 * be half-done, so the counts and the data directory's tar are of one committed state. A CHECKPOINT
 * first keeps the files close to the WAL; committed work after it is replayed from the WAL on load.
 * On disk the tar is written from the directory's files in chunks inside the transaction (other queries
 * wait only for that copy); gzip runs afterwards on the copy while the server goes on. A database in
 * memory (tests) has only PGlite's dumpDataDir, whose archive is a Blob read in chunks. Restore reads
 * either form.
 */
async function dumpPglite(db: PGlite, path: string): Promise<DumpFile> {
  await db.exec('CHECKPOINT');
  const dir = diskDataDir(db);
  const tarPath = `${path}.tar`;
  try {
    const { facts, blob } = await db.transaction(async (tx) => {
      const facts = await readSnapshotFacts(async (q) => (await tx.query<Record<string, unknown>>(q)).rows);
      if (!dir) return { facts, blob: await db.dumpDataDir('none') };
      const out = createWriteStream(tarPath, { mode: 0o600 });
      await tarDirectory(dir, out);
      out.end();
      await finished(out);
      return { facts, blob: undefined };
    });
    const source = blob ? blobChunks(blob) : createReadStream(tarPath);
    return { facts, ...(await toFileHashed(source, path, true)) };
  } finally {
    rmSync(tarPath, { force: true });
  }
}

async function* blobChunks(blob: Blob): AsyncIterable<Buffer> {
  const step = 1 << 20;
  for (let at = 0; at < blob.size; at += step) yield Buffer.from(await blob.slice(at, at + step).arrayBuffer());
}

/** The database name, user, host… for pg_dump/pg_restore, with the password in PGPASSWORD (not argv). */
export function pgEnvOf(url: string): { dbUrl: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { dbUrl: u.toString(), env };
}

/**
 * PostgreSQL: a REPEATABLE READ transaction exports its snapshot; the counts are read in it and
 * `pg_dump -Fc --snapshot` dumps exactly that state while writes go on.
 */
async function dumpPostgres(url: string, path: string): Promise<DumpFile> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snap = await client.query<{ s: string }>('select pg_export_snapshot() as s');
    const facts = await readSnapshotFacts(async (q) => (await client.query<Record<string, unknown>>(q)).rows);
    const { dbUrl, env } = pgEnvOf(url);
    const child = spawn('pg_dump', ['--format=custom', `--snapshot=${snap.rows[0]?.s ?? ''}`, `--dbname=${dbUrl}`], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = exitOf(child, 'pg_dump');
    const [written] = await Promise.all([toFileHashed(child.stdout, path, false), exited]);
    await client.query('commit');
    return { facts, ...written };
  } finally {
    await client.end();
  }
}

/** A tool's exit: resolves on 0, rejects with its stderr otherwise. */
function exitOf(child: ChildProcessByStdio<null, Readable, Readable>, cmd: string): Promise<void> {
  const err: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => err.push(b));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done()
        : fail(new Error(`${cmd} exited ${code}: ${Buffer.concat(err).toString('utf8').trim().slice(0, 500)}`)),
    );
  });
}

/** Runs pg_dump / pg_restore; stdout is the result, stderr becomes the error message. */
export function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Buffer> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done(Buffer.concat(out))
        : fail(new Error(`${cmd} exited ${code}: ${Buffer.concat(err).toString('utf8').trim().slice(0, 500)}`)),
    );
  });
}
