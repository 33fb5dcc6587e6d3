import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type Agent } from './test-app.js';
import { buildRegion, buildUnit, buildUser } from './factories.js';
import { notifyUsers } from '../src/server/modules/notifications/notification.service.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let b: Awaited<ReturnType<typeof buildRegion>>;
let zzbA: Agent;

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRegion(t.ctx);
  b = await buildRegion(t.ctx);
  zzbA = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] })).username);
});
afterAll(async () => t?.close());

describe('server', () => {
  it('GET /healthz names the database and reports its state with the probe latency', async () => {
    const res = await t.anonymous().get('/healthz');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({ status: 'ok', db: t.ctx.dbKind, database: { state: 'ok', latencyMs: expect.any(Number) } });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('GET /api/openapi.json documents the API', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/auth/login',
      '/api/users',
      '/api/calendar/working-days',
      '/api/calendar/add-working-days',
      '/api/audit',
      '/api/orgs/tree',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual([
      'username',
      'password',
    ]);
  });

  it('unknown API paths are JSON 404s; responses carry security headers and are not cached', async () => {
    const res = await zzbA.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('API answers carry the server clock’s time, so the web app counts today from it', async () => {
    const user = await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] });
    t.clock.set('2027-03-01T01:30:00Z');
    try {
      // a session of its own: moving the clock three months on ends zzbA's (idle expiry)
      const res = await (await t.login(user.username)).get('/api/auth/me');
      expect(res.headers['x-server-time']).toBe('2027-03-01T01:30:00.000Z');
      expect((await t.anonymous().get('/healthz')).headers['x-server-time']).toBeUndefined();
    } finally {
      t.clock.set('2026-11-23T02:00:00Z');
    }
  });
});

describe('organisation scope', () => {
  it('the tree shows the actor’s node and everything under it, nothing else', async () => {
    const tree = (await zzbA.get('/api/orgs/tree')).json();
    expect(tree.data).toHaveLength(1);
    expect(tree.data[0].id).toBe(a.region.id);
    expect(JSON.stringify(tree)).not.toContain(b.region.name);
    expect(tree.data[0].children.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining([a.townA.name, a.townB.name]),
    );
  });

  it('a township user sees its township only; other nodes are 404', async () => {
    const villager = await buildUnit(t.ctx, { parentId: a.townA.id, kind: 'community' });
    const u = await t.login((await buildUser(t.ctx, { unitId: a.townA.id, roles: ['commissioner'] })).username);
    expect((await u.get(`/api/orgs/${villager.id}`)).statusCode).toBe(200);
    expect((await u.get(`/api/orgs/${a.townB.id}`)).statusCode).toBe(404);
    expect((await u.get(`/api/orgs/${a.region.id}`)).statusCode).toBe(404);
    expect((await zzbA.get(`/api/orgs/${b.townA.id}`)).json()).toEqual({
      code: 'NOT_FOUND',
      message: '组织不存在或无权查看',
    });
  });

  it('unit search matches pinyin initials inside the scope', async () => {
    const unit = await buildUnit(t.ctx, { parentId: a.townA.id, kind: 'firm', name: '华建建设集团' });
    const hits = (await zzbA.get('/api/orgs/options?q=hjjs')).json().data.map((x: { id: number }) => x.id);
    expect(hits).toContain(unit.id);
  });
});

describe('inbox and home', () => {
  it('each user reads only their own notifications and marks them read', async () => {
    const u1 = await buildUser(t.ctx, { unitId: a.townA.id, roles: ['leader'] });
    const u2 = await buildUser(t.ctx, { unitId: a.townA.id, roles: ['leader'] });
    await t.ctx.db.transaction(async (tx) => {
      await notifyUsers(
        tx,
        [u1.id],
        { kind: 'test', title: { zh: '项目预警', en: 'Project warning' }, dedupeKey: 'k1' },
        t.clock.now(),
      );
      await notifyUsers(
        tx,
        [u1.id],
        { kind: 'test', title: { zh: '项目预警', en: 'Project warning' }, dedupeKey: 'k1' },
        t.clock.now(),
      );
    });
    const ag1 = await t.login(u1.username);
    const ag2 = await t.login(u2.username);
    const inbox = (await ag1.get('/api/notifications')).json();
    expect(inbox).toMatchObject({ total: 1, unread: 1, data: [{ title: '项目预警', read: false }] });
    expect((await ag2.get('/api/notifications')).json().total).toBe(0);
    expect((await ag1.get('/api/home')).json().items).toContainEqual(
      expect.objectContaining({ key: 'inbox', title: '1 条未读消息' }),
    );
    await ag1.post('/api/notifications/read', { ids: 'all' });
    expect((await ag1.get('/api/notifications')).json().unread).toBe(0);
  });

  it('reminds the system administrator in November to load next year’s calendar', async () => {
    const sys = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['sysadmin'] })).username);
    const items = (await sys.get('/api/home')).json().items;
    expect(items).toContainEqual(
      expect.objectContaining({
        key: 'calendar-next-year',
        level: 'warning',
        title: expect.stringContaining('2027 年节假日安排尚未导入'),
      }),
    );
  });
});
