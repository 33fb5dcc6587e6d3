import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { inArray } from 'drizzle-orm';
import { auditLog, backupRuns, problems } from '../src/server/db/schema/index.js';
import { runBackup } from '../src/server/backup/backup.service.js';
import { restoreBackupFile } from '../src/server/backup/backup.restore-check.js';
import { SYSTEM_ACTOR } from '../src/server/actor.js';
import { createTestApp, TEST_KEY, type TestApp } from './test-app.js';
import { buildProblemWorld, LONG_SESSIONS, raise, type ProblemWorld } from './problem-factories.js';
import { freshTarget, restoreConfig, silentLog, tempDir } from './backup-helpers.js';
import { FakeClock } from './fake-clock.js';
import { MIGRATIONS_FOLDER } from '../src/server/db/migrate.js';

/** The newest migration in the code (the journal's last entry): a backup records every one applied. */
const LATEST_MIGRATION = (
  JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
).entries.at(-1)?.tag;

let t: TestApp;
let w: ProblemWorld;
const backupDir = tempDir('xf-backups-');

beforeAll(async () => {
  t = await createTestApp({
    ...LONG_SESSIONS,
    XIANFENG_DATA_DIR: join(tempDir('xf-data-'), 'data'),
    XIANFENG_BACKUP_DIR: backupDir,
  });
  w = await buildProblemWorld(t);
});
afterAll(async () => t?.close());

describe(`online backup and restore (${inject('dbMode')})`, () => {
  it('a backup made while writes go on restores every write acknowledged before it began, with a valid chain and equal counts', async () => {
    const acked: number[] = [];
    let stop = false;
    const writer = async (agent: typeof w.as.qiye) => {
      while (!stop) acked.push((await raise(agent)).id);
    };
    const writers = [writer(w.as.qiye), writer(w.as.qiye2)];
    while (acked.length < 6) await new Promise((r) => setTimeout(r, 20));
    const ackedBefore = [...acked];
    const outcome = await runBackup(t.ctx, { ...SYSTEM_ACTOR, name: 'test' }, 'cli');
    stop = true;
    await Promise.all(writers);
    expect(acked.length).toBeGreaterThan(ackedBefore.length);
    expect(outcome?.result.status, JSON.stringify(outcome?.result)).toBe('ok');
    if (outcome?.result.status !== 'ok') return;
    const { fileName, manifest } = outcome.result;
    expect(fileName).toMatch(/^xianfeng-20261123T020000Z(-\d+)?\.xfbak$/);
    expect(readdirSync(backupDir)).toContain(fileName);
    expect(manifest).toMatchObject({ dbKind: inject('dbMode'), appVersion: '0.1.0', formatVersion: 1 });
    expect(manifest.migrations.tags.at(-1)).toBe(LATEST_MIGRATION);
    expect(manifest.counts.problems).toBeGreaterThanOrEqual(ackedBefore.length);
    expect(manifest.audit.count).toBeGreaterThan(0);

    const { target, dataDir } = await freshTarget();
    const report = await restoreBackupFile({
      file: readFileSync(join(backupDir, fileName)),
      fileName,
      masterHex: TEST_KEY,
      target,
      force: false,
      config: restoreConfig(dataDir, target.kind === 'postgres' ? target.url : undefined),
      log: silentLog,
      operator: 'test@host',
      clock: new FakeClock('2026-11-24T02:00:00Z'),
    });
    try {
      const db = report.database.db;
      const found = await db.select({ id: problems.id }).from(problems).where(inArray(problems.id, ackedBefore));
      expect(found.map((r) => r.id).sort((a, b) => a - b)).toEqual([...ackedBefore].sort((a, b) => a - b));
      expect(report.chain).toMatchObject({ ok: true, checked: manifest.audit.count });
      for (const [table, c] of Object.entries(report.counts)) expect(c.restored, table).toBe(c.manifest);
      expect(report.counts.problems?.restored).toBe(manifest.counts.problems);
      expect(report.migrationsAfter).toBe(manifest.migrations.count);
      // The run that made the backup reads as ok in the copy, and the restore itself is audited.
      const runs = await db.select().from(backupRuns);
      expect(runs.map((r) => [r.status, r.fileName])).toEqual([['ok', fileName]]);
      const [last] = await db.select().from(auditLog).orderBy(auditLog.id).offset(manifest.audit.count);
      expect(last).toMatchObject({ entity: 'backup', action: 'restored', actorName: 'server:restore (test@host)' });
    } finally {
      await report.database.close();
    }
    // The source records the run as ok and audits it.
    const [run] = await t.ctx.db.select().from(backupRuns);
    expect(run).toMatchObject({ status: 'ok', trigger: 'cli', fileName, sizeBytes: outcome.result.sizeBytes });
  });
});
