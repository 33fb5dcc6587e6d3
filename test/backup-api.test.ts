import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { auditLog, backupRuns } from '../src/server/db/schema/index.js';
import { nightlyBackupJob } from '../src/server/backup/backup.job.js';
import type { BackupList } from '../src/shared/api/backups.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';
import { LONG_SESSIONS } from './problem-factories.js';
import { tempDir } from './backup-helpers.js';

let t: TestApp;
let admin: Agent;
let adminName: string;
let business: Agent;

beforeAll(async () => {
  t = await createTestApp({ ...LONG_SESSIONS, XIANFENG_BACKUP_DIR: tempDir('xf-backups-') });
  const r = await buildRegion(t.ctx);
  const sys = await buildUser(t.ctx, { unitId: r.region.id, roles: ['sysadmin'] });
  adminName = sys.username;
  admin = await t.login(sys.username);
  business = await t.login((await buildUser(t.ctx, { unitId: r.region.id, roles: ['org_dept'] })).username);
});
afterAll(async () => t?.close());

const list = async () => (await admin.get('/api/backups')).json() as BackupList;
const homeKeys = async () =>
  ((await admin.get('/api/home')).json() as { items: Array<{ key: string; title: string }> }).items.filter((i) =>
    i.key.startsWith('backup-'),
  );
async function settled(): Promise<BackupList> {
  for (;;) {
    const l = await list();
    if (!l.running && l.runs.every((r) => r.status !== 'running')) return l;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`backups for the system administrator (${inject('dbMode')})`, () => {
  it('401 without a session, 403 for a business role, 400 for a body with unknown fields', async () => {
    expect((await t.anonymous().get('/api/backups')).statusCode).toBe(401);
    expect((await business.get('/api/backups')).statusCode).toBe(403);
    expect((await business.post('/api/backups', {})).statusCode).toBe(403);
    const bad = await admin.post('/api/backups', { file: '/etc/passwd' });
    expect(bad.statusCode).toBe(400);
  });

  it('no backup yet → the home page says so; 立即备份 runs in the background, is listed and audited; the warning goes', async () => {
    expect(await homeKeys()).toEqual([
      { key: 'backup-stale', title: '尚无成功的数据备份', level: 'warning', link: '/admin/backups' },
    ]);
    const res = await admin.post('/api/backups', {});
    expect(res.statusCode, res.body).toBe(200);
    const { runId } = res.json() as { runId: number };
    const l = await settled();
    expect(l.runs[0]).toMatchObject({
      id: runId,
      status: 'ok',
      trigger: 'ui',
      startedByName: adminName,
      removed: false,
    });
    expect(l.runs[0]?.fileName).toMatch(/\.xfbak$/);
    expect(l.lastOk?.id).toBe(runId);
    expect(l.lastOkAgeHours).toBe(0);
    expect(l).toMatchObject({ hour: 2, keep: { daily: 14, weekly: 8, monthly: 12 } });
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'backup'), eq(auditLog.entityId, String(runId))));
    expect(audit).toMatchObject({ action: 'backup_ok', actorName: adminName });
    expect(await homeKeys()).toEqual([]);
    t.clock.advanceMinutes(37 * 60);
    expect((await homeKeys()).map((i) => [i.key, i.title])).toEqual([
      ['backup-stale', '已超过 36 小时没有成功的数据备份（上次 37 小时前）'],
    ]);
  });

  it('the nightly job runs once a night (claimed in the database), at the configured China hour', async () => {
    t.clock.set('2026-11-26T17:30:00Z'); // 01:30 on 11-27 in China: before 02:00
    await nightlyBackupJob.run(t.ctx);
    expect(await t.ctx.db.select().from(backupRuns).where(eq(backupRuns.slot, 'nightly:2026-11-27'))).toHaveLength(0);
    t.clock.set('2026-11-26T18:05:00Z'); // 02:05
    await nightlyBackupJob.run(t.ctx);
    await nightlyBackupJob.run(t.ctx);
    const runs = await t.ctx.db.select().from(backupRuns).where(eq(backupRuns.slot, 'nightly:2026-11-27'));
    expect(runs.map((r) => [r.status, r.trigger, r.startedByName])).toEqual([
      ['ok', 'nightly', 'system:backup-nightly'],
    ]);
  });

  it('a failed nightly run is recorded with its error, audited, and shown on the home page as danger', async () => {
    t.clock.set('2026-11-27T18:10:00Z'); // 02:10 on 11-28
    const broken = { ...t.ctx, config: { ...t.ctx.config, backupDir: '/dev/null/backups' } };
    await nightlyBackupJob.run(broken);
    const [run] = await t.ctx.db.select().from(backupRuns).where(eq(backupRuns.slot, 'nightly:2026-11-28'));
    expect(run).toMatchObject({ status: 'failed', trigger: 'nightly' });
    expect(run?.error).toMatch(/ENOTDIR|not a directory/);
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'backup'), eq(auditLog.entityId, String(run?.id))));
    expect(audit).toMatchObject({ action: 'backup_failed', actorName: 'system:backup-nightly' });
    const items = await homeKeys();
    expect(items.map((i) => i.key)).toEqual(['backup-failed']);
    expect(items[0]?.title).toContain('最近一次数据备份失败');
    expect((await list()).runs[0]).toMatchObject({ status: 'failed', error: run?.error });
  });
});
