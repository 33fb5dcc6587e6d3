import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { verifyAuditChain } from '../src/server/audit/audit.verify.js';
import { auditKey } from '../src/server/audit/audit.key.js';
import { createTestApp, type TestApp, type Agent } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';

let t: TestApp;
let r: Awaited<ReturnType<typeof buildRegion>>;
let aud: Agent;
let sys: Agent;

beforeAll(async () => {
  t = await createTestApp();
  r = await buildRegion(t.ctx);
  aud = await t.login((await buildUser(t.ctx, { unitId: r.region.id, roles: ['auditor'] })).username);
  sys = await t.login((await buildUser(t.ctx, { unitId: r.region.id, roles: ['sysadmin'] })).username);
});
afterAll(async () => t?.close());

describe('audit log', () => {
  it('writes one row per write with actor, IP, entity, action and before/after', async () => {
    const u = await buildUser(t.ctx, { unitId: r.townA.id, displayName: '旧名' });
    await sys.patch(`/api/users/${u.id}`, { displayName: '新名' });
    const res = (await aud.get(`/api/audit?entity=user&entityId=${u.id}`)).json();
    expect(res.total).toBe(1);
    expect(res.data[0]).toMatchObject({
      action: 'update',
      entityZh: '用户',
      ip: '127.0.0.1',
      before: { displayName: '旧名' },
      after: { displayName: '新名' },
    });
    expect(res.data[0].actorName).toMatch(/^u/);
  });

  it('searches by keyword and date range', async () => {
    const today = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await aud.get(`/api/audit?from=${today}&to=${today}`)).json().total).toBeGreaterThan(0);
    expect((await aud.get('/api/audit?from=2020-01-01&to=2020-01-02')).json().total).toBe(0);
    expect((await aud.get('/api/audit?q=新名')).json().total).toBeGreaterThan(0);
  });

  it('the database refuses UPDATE and DELETE on the audit table', async () => {
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'succeeded',
        (e: Error) => `${e.message} ${(e.cause as Error | undefined)?.message ?? ''}`,
      );
    expect(await failure(t.ctx.db.execute(sql`update audit_log set action = 'x' where id = 1`))).toMatch(/append-only/);
    expect(await failure(t.ctx.db.execute(sql`delete from audit_log where id = 1`))).toMatch(/append-only/);
    expect(await failure(t.ctx.db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
  });

  it('the hash chain verifies, and breaks at a row altered by hand', async () => {
    const ok = await verifyAuditChain(t.ctx.db, { key: auditKey() });
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(3);
    expect((await aud.get('/api/audit/verify')).json()).toMatchObject({ ok: true });

    // Someone with owner rights switches the guard off and edits a row.
    await t.ctx.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    await t.ctx.db.execute(sql`update audit_log set after = '{"displayName":"篡改"}'::jsonb where id = 2`);
    const bad = await verifyAuditChain(t.ctx.db, { key: auditKey() });
    expect(bad).toMatchObject({ ok: false, checked: 1, firstBad: { id: 2, reason: 'hash_mismatch' } });

    // Deleting a row is caught as a gap.
    await t.ctx.db.execute(sql`delete from audit_log where id = 2`);
    expect(await verifyAuditChain(t.ctx.db, { key: auditKey() })).toMatchObject({
      ok: false,
      firstBad: { id: 3, reason: 'gap' },
    });
    await t.ctx.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
  });

  it('exports as .xlsx', async () => {
    const res = await aud.get('/api/audit/export?entity=user');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E5%AE%A1%E8%AE%A1");
  });
});
