import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { migrateDatabase } from '../src/server/db/migrate.js';
import { SYSTEM_ACTOR } from '../src/server/actor.js';
import { seedCalendarOnce, syncRoles } from '../src/server/seed/base.js';
import { runBackup } from '../src/server/backup/backup.service.js';
import { restoreBackupFile } from '../src/server/backup/backup.restore-check.js';
import type { RestoreTarget } from '../src/server/backup/backup.restore.js';
import { benchPostgres, BENCH_PG_URL } from './db.js';
import { generate } from './generate/index.js';
import type { ScaleName } from './generate/types.js';

/**
 * Backup and restore of a district (bench/generate: 2,000 projects, 60,000 people, 20,000 problems)
 * on the embedded database (an on-disk data directory) and on PostgreSQL: the time of `runBackup`
 * (dump + encrypt + write), the file's size, and the time of a full checked restore into an empty
 * target (decrypt, restore, migrations, counts, audit chain recomputed).
 *   npm run bench -- backup                      (BENCH_SCALES=tiny for a quick look)
 */
const COMMAND = 'npm run bench -- backup';
const KEY = 'a1'.repeat(32);
const log = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;

async function benchKind(label: string, database: Database, scale: ScaleName, target: () => Promise<RestoreTarget>) {
  const root = mkdtempSync(join(tmpdir(), 'xf-bench-backup-'));
  try {
    await migrateDatabase(database);
    const config = parseConfig({
      NODE_ENV: 'test',
      XIANFENG_DEMO: 'false',
      XIANFENG_WEB_DIR: '/nonexistent',
      LOG_LEVEL: 'silent',
      XIANFENG_DATA_DIR: join(root, 'data'),
      XIANFENG_BACKUP_DIR: join(root, 'backups'),
    });
    const app = await buildApp({ database, config, secretKeyHex: KEY });
    await syncRoles(app.ctx);
    await seedCalendarOnce(app.ctx);
    const g0 = Date.now();
    await generate(app.ctx, scale, 42, () => undefined);
    console.log(`${label}: ${scale} generated in ${((Date.now() - g0) / 1000).toFixed(0)} s`);
    // A reader keeps asking while the backup runs (every 20 ms): the longest gap between two answers
    // is how long other requests stall, whether they wait for the database or for the event loop.
    let probing = true;
    let longestWaitMs = 0;
    const probe = (async () => {
      let last = Date.now();
      while (probing) {
        await app.ctx.db.execute(sql`select 1`);
        const now = Date.now();
        longestWaitMs = Math.max(longestWaitMs, now - last);
        last = now;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const b0 = Date.now();
    const out = await runBackup(app.ctx, SYSTEM_ACTOR, 'cli');
    const backupMs = Date.now() - b0;
    probing = false;
    await probe;
    if (out?.result.status !== 'ok') throw new Error(`backup failed: ${JSON.stringify(out?.result)}`);
    const { fileName, sizeBytes, manifest } = out.result;
    await app.close();
    const t = await target();
    const r0 = Date.now();
    const report = await restoreBackupFile({
      file: readFileSync(join(root, 'backups', fileName)),
      fileName,
      masterHex: KEY,
      target: t,
      force: false,
      config,
      log,
      operator: 'bench',
    });
    const restoreMs = Date.now() - r0;
    await report.database.close();
    const c = manifest.counts;
    console.log(
      `${label.padEnd(11)} backup ${(backupMs / 1000).toFixed(1).padStart(6)} s   file ${(sizeBytes / 1e6).toFixed(1).padStart(6)} MB ` +
        `(dump ${(manifest.dump.bytes / 1e6).toFixed(1)} MB)   longest stall of other queries ${(longestWaitMs / 1000).toFixed(1)} s   restore+verify ${(restoreMs / 1000).toFixed(1).padStart(6)} s   ` +
        `[projects ${c.projects}, people ${c.people}, problems ${c.problems}, audit ${manifest.audit.count}]`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const scale = (process.env.BENCH_SCALES ?? 'district') as ScaleName;
  console.log(`command: ${COMMAND}   (BENCH_SCALES=${scale})`);
  const dir = mkdtempSync(join(tmpdir(), 'xf-bench-pglite-'));
  const lite = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data'), lockPurpose: 'bench' });
  try {
    await benchKind('PGlite', lite, scale, async () => ({ kind: 'pglite', dataDir: join(dir, 'restored') }));
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const pgb = await benchPostgres({ prefix: 'backup' });
  if (!pgb) return;
  const restoreDb = `${pgb.label === 'PostgreSQL' ? 'xf_bench_restore' : 'x'}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  try {
    await benchKind('PostgreSQL', pgb.database, scale, async () => {
      await admin.query(`create database ${restoreDb}`);
      const u = new URL(BENCH_PG_URL);
      u.pathname = `/${restoreDb}`;
      return { kind: 'postgres', url: u.toString() };
    });
  } finally {
    await pgb.drop();
    await admin.query(`drop database if exists ${restoreDb} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
