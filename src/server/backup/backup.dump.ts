import { spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from '../db/client.js';
import { readSnapshotFacts, type BackupManifest } from './backup.manifest.js';

export type BackupSource = { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; url: string };

const gzipAsync = promisify(gzip);

type Facts = Pick<BackupManifest, 'migrations' | 'counts' | 'audit'>;

/** The open database behind a Drizzle instance: the server's own PGlite, or its pool's connection string. */
export function backupSourceOf(db: Db): BackupSource {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite) return { kind: 'pglite', pglite: client };
  const url = (client as { options?: { connectionString?: string } }).options?.connectionString;
  if (!url) throw new Error('backup: cannot tell the PostgreSQL connection string');
  return { kind: 'postgres', url };
}

export async function dumpDatabase(src: BackupSource): Promise<{ facts: Facts; dump: Buffer }> {
  return src.kind === 'pglite' ? dumpPglite(src.pglite) : dumpPostgres(src.url);
}

/**
 * PGlite runs one transaction at a time: inside our own (read-only) transaction no other write can
 * be half-done, so the counts and the data directory's tar are of one committed state. A CHECKPOINT
 * first keeps the files close to the WAL; committed work after it is replayed from the WAL on load.
 */
async function dumpPglite(db: PGlite): Promise<{ facts: Facts; dump: Buffer }> {
  await db.exec('CHECKPOINT');
  // Only the uncompressed tar is taken inside the transaction (other queries wait while it runs);
  // gzip runs afterwards on libuv's thread pool while the server goes on. Restore reads either form.
  const { facts, tar } = await db.transaction(async (tx) => {
    const facts = await readSnapshotFacts(async (q) => (await tx.query<Record<string, unknown>>(q)).rows);
    const blob = await db.dumpDataDir('none');
    return { facts, tar: Buffer.from(await blob.arrayBuffer()) };
  });
  return { facts, dump: await gzipAsync(tar) };
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
async function dumpPostgres(url: string): Promise<{ facts: Facts; dump: Buffer }> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snap = await client.query<{ s: string }>('select pg_export_snapshot() as s');
    const facts = await readSnapshotFacts(async (q) => (await client.query<Record<string, unknown>>(q)).rows);
    const { dbUrl, env } = pgEnvOf(url);
    const dump = await runTool(
      'pg_dump',
      ['--format=custom', `--snapshot=${snap.rows[0]?.s ?? ''}`, `--dbname=${dbUrl}`],
      env,
    );
    await client.query('commit');
    return { facts, dump };
  } finally {
    await client.end();
  }
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
