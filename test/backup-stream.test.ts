import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { pgliteOptions } from '../src/server/db/client.js';
import { MIGRATIONS_FOLDER } from '../src/server/db/migrate.js';
import { dumpDatabase } from '../src/server/backup/backup.dump.js';
import { decodeBackup, writeBackupFile } from '../src/server/backup/backup.format.js';
import { deriveBackupKeys } from '../src/server/crypto/backup-key.js';
import type { BackupManifest } from '../src/server/backup/backup.manifest.js';
import { TEST_KEY } from './test-app.js';

/**
 * Decision 033: the backup is written in chunks — the data directory's tar from its files (or PGlite's
 * archive read in slices, for a database in memory), gzipped and hashed on the way to a file, then
 * encrypted from that file. What comes out must load back into PGlite and decode as encodeBackup's did.
 */
const root = mkdtempSync(join(tmpdir(), 'xf-backup-stream-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A migrated database (the backup reads its facts: migrations, counts, audit) with a table of rows. */
async function withRows(db: PGlite) {
  await migrate(drizzle({ client: db }), { migrationsFolder: MIGRATIONS_FOLDER });
  await db.exec('create table t (id int primary key, body text)');
  await db.exec(`insert into t select g, repeat(md5(g::text), 40) from generate_series(1, 3000) g`);
}

async function loadsBack(dump: Buffer) {
  const copy = await PGlite.create({ ...pgliteOptions, loadDataDir: new Blob([new Uint8Array(dump)]) });
  try {
    const { rows } = await copy.query<{ n: number; s: string }>(
      `select count(*)::int as n, md5(string_agg(body, '' order by id)) as s from t`,
    );
    return rows[0];
  } finally {
    await copy.close();
  }
}

describe.runIf(inject('dbMode') === 'pglite')('streaming backup', () => {
  it('a data directory on disk: its tar, gzipped to a file, loads back with every row', async () => {
    const db = await PGlite.create(join(root, 'data'), pgliteOptions);
    try {
      await withRows(db);
      const { rows: want } = await db.query<{ n: number; s: string }>(
        `select count(*)::int as n, md5(string_agg(body, '' order by id)) as s from t`,
      );
      const path = join(root, 'disk.dump');
      const out = await dumpDatabase({ kind: 'pglite', pglite: db }, path);
      const file = readFileSync(path);
      expect(out.bytes).toBe(file.length);
      expect(out.sha256).toBe(createHash('sha256').update(file).digest('hex'));
      expect(gunzipSync(file).length % 512).toBe(0);
      expect(await loadsBack(file)).toEqual(want[0]);
      expect(out.facts.counts).toBeDefined();
    } finally {
      await db.close();
    }
  }, 600_000); // three PGlite starts: minutes on a loaded 2-core machine

  it('a database in memory: PGlite’s own archive, read in slices, loads back too', async () => {
    const db = await PGlite.create(pgliteOptions);
    try {
      await withRows(db);
      const path = join(root, 'memory.dump');
      const out = await dumpDatabase({ kind: 'pglite', pglite: db }, path);
      expect(statSync(path).size).toBe(out.bytes);
      expect(await loadsBack(readFileSync(path))).toEqual({ n: 3000, s: expect.any(String) });
    } finally {
      await db.close();
    }
  }, 600_000);

  it('the file encrypted from the dump file decodes to the same manifest and dump', async () => {
    const keys = deriveBackupKeys(TEST_KEY);
    const dumpPath = join(root, 'some.dump');
    const dump = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < dump.length; i++) dump[i] = (i * 31) & 255;
    writeFileSync(dumpPath, dump);
    const manifest = {
      formatVersion: 1,
      appVersion: '0.1.0',
      dbKind: 'pglite',
      createdAt: '2026-11-23T02:00:00.000Z',
      migrations: { count: 0, tags: [], lastWhen: null },
      counts: {},
      audit: { count: 0, lastId: null, lastHash: null },
      dump: {
        format: 'pglite-datadir-tgz',
        bytes: dump.length,
        sha256: createHash('sha256').update(dump).digest('hex'),
      },
    } as unknown as BackupManifest;
    const path = join(root, 'out.xfbak');
    const meta = { appVersion: '0.1.0', createdAt: manifest.createdAt, dbKind: 'pglite' };
    const written = await writeBackupFile(path, keys, meta, manifest, { path: dumpPath, bytes: dump.length });
    const file = readFileSync(path);
    expect(written.sizeBytes).toBe(file.length);
    const decoded = decodeBackup(file, keys);
    expect(decoded.header.sha256).toBe(written.sha256);
    expect(decoded.manifest).toEqual(manifest);
    expect(Buffer.compare(decoded.dump, dump)).toBe(0);
  });
});
