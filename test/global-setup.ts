import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/client.js';
import { migrateDatabase } from '../src/server/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbMode: 'pglite' | 'postgres';
    pgliteDump: string;
    pgAdminUrl: string;
    pgTemplate: string;
    pgPrefix: string;
  }
}

/**
 * Migrates once per run: into a PGlite whose data directory is dumped for every test file to load,
 * or, when DATABASE_URL is set, into a PostgreSQL template database that every test file copies.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'xf-test-'));
    const database = await openDatabase({ kind: 'pglite-memory' });
    await migrateDatabase(database);
    const dump = await database.pglite!.dumpDataDir('none');
    const file = join(dir, 'template.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('dbMode', 'pglite');
    project.provide('pgliteDump', file);
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const prefix = `xf_t_${randomBytes(4).toString('hex')}`;
  const template = `${prefix}_tpl`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const tplUrl = withDatabase(url, template);
  const database = await openDatabase({ kind: 'postgres', url: tplUrl, poolSize: 2 });
  await migrateDatabase(database);
  await database.close();
  project.provide('dbMode', 'postgres');
  project.provide('pgAdminUrl', url);
  project.provide('pgTemplate', template);
  project.provide('pgPrefix', prefix);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
      `${prefix}%`,
    ]);
    for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
