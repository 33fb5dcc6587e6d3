import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { inject } from 'vitest';
import { parseConfig } from '../src/server/config.js';
import type { RestoreTarget } from '../src/server/backup/backup.restore.js';
import { withDatabase } from './global-setup.js';

export const silentLog = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** An empty restore target of this run's kind: a fresh data directory, or a new empty PostgreSQL database. */
export async function freshTarget(): Promise<{ target: RestoreTarget; dataDir: string }> {
  const dataDir = join(tempDir('xf-restore-'), 'data');
  if (inject('dbMode') === 'pglite') return { target: { kind: 'pglite', dataDir }, dataDir };
  const name = `${inject('pgPrefix')}_r_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return { target: { kind: 'postgres', url: withDatabase(inject('pgAdminUrl'), name) }, dataDir };
}

export const restoreConfig = (dataDir: string, url?: string) =>
  parseConfig({
    NODE_ENV: 'test',
    XIANFENG_DEMO: 'false',
    XIANFENG_DATA_DIR: dataDir,
    ...(url ? { DATABASE_URL: url } : {}),
    XIANFENG_AUDIT_ANCHOR_FILE: join(dataDir, '..', 'anchors.log'),
  });
