import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { asc, eq } from 'drizzle-orm';
import { problemDeptSettings, webhookDeliveries } from '../src/server/db/schema/index.js';
import { deliverDueWebhooks } from '../src/server/modules/problems/problem.webhook.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildProblemWorld, LONG_SESSIONS, ok, raiseAndDispatch, type ProblemWorld } from './problem-factories.js';

/**
 * Department robot webhooks may not reach the server's own networks (SSRF): refused when saved and
 * again when delivered, unless the operator allow-lists the target; reply bodies are never shown.
 */
let t: TestApp;
let w: ProblemWorld;
let robot: Server;
let base = '';
let reply = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
const hitUrls: string[] = [];
/** Requests that reached the local robot for one key. */
const hits = (key: string) => hitUrls.filter((u) => u.endsWith(`key=${key}`)).length;

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  w = await buildProblemWorld(t);
  robot = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hitUrls.push(req.url ?? '');
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((r) => robot.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(robot.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => robot?.close(r));
  await t?.close();
});

const save = (deptId: number, webhookUrl: string) =>
  w.as.zzb.put(`/api/problems/departments/${deptId}/settings`, {
    headUserId: null,
    leaderUserId: null,
    webhookKind: 'wecom',
    webhookUrl,
    webhookEnabled: true,
  });

const deliveries = (deptId: number) =>
  t.ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.deptUnitId, deptId))
    .orderBy(asc(webhookDeliveries.id));

describe('webhook targets (SSRF)', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', '本机回环地址'],
    ['http://localhost/hook', '本机回环地址'],
    ['http://2130706433/hook', '本机回环地址'],
    ['http://0x7f000001/hook', '本机回环地址'],
    ['http://017700000001/hook', '本机回环地址'],
    ['http://[::1]/hook', '本机回环地址'],
    ['http://[::ffff:127.0.0.1]/hook', '本机回环地址'],
    ['http://169.254.169.254/latest/meta-data/', '链路本地地址'],
    ['http://[fe80::1]/hook', '链路本地地址'],
    ['http://10.0.0.1/hook', '内网地址'],
    ['http://172.16.5.4/hook', '内网地址'],
    ['http://192.168.1.1/hook', '内网地址'],
    ['http://100.64.0.1/hook', '内网地址'],
    ['http://[fd00::1]/hook', '内网地址'],
    ['http://0.0.0.0/hook', '未指定地址'],
    ['http://[::]/hook', '未指定地址'],
    ['http://224.0.0.1/hook', '组播地址'],
  ])('saving %s is refused: 400 naming the field and the kind of address', async (url, kind) => {
    const res = await save(w.deptC.id, url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', details: { field: 'webhookUrl' } });
    expect(res.json().message).toBe(
      `群机器人地址：不能指向${kind}（本机、内网、链路本地、组播或保留地址），请填写企业微信或钉钉的公网地址；确需使用内网地址的，请运维人员在 XIANFENG_WEBHOOK_ALLOW 中列出`,
    );
    const [stored] = await t.ctx.db
      .select()
      .from(problemDeptSettings)
      .where(eq(problemDeptSettings.deptUnitId, w.deptC.id));
    expect(stored?.webhookUrlEnc ?? null).toBeNull();
  });

  it('a public robot address is accepted', async () => {
    expect((await save(w.deptC.id, 'https://101.226.1.1/cgi-bin/webhook/send?key=abcd1234')).statusCode).toBe(200);
  });

  it('a URL stored before the check (or whose host moved inside) is refused at delivery: nothing sent, failed at once', async () => {
    await ok(save(w.deptA.id, 'https://101.226.1.1/cgi-bin/webhook/send?key=k'));
    await t.ctx.db
      .update(problemDeptSettings)
      .set({ webhookUrlEnc: t.ctx.cipher.encrypt(`${base}/cgi-bin/webhook/send?key=k`) })
      .where(eq(problemDeptSettings.deptUnitId, w.deptA.id));
    await raiseAndDispatch(w);
    await deliverDueWebhooks(t.ctx);
    const [d] = await deliveries(w.deptA.id);
    expect(d).toMatchObject({ status: 'failed', attempts: 1, lastStatus: null, lastError: 'target_refused:loopback' });
    expect(hitUrls).toEqual([]);
  });

  it('allow-listed by the operator, the local robot is saved and reached; its reply body is never shown', async () => {
    t.ctx.config.webhookAllow = '127.0.0.1';
    try {
      await ok(save(w.deptB.id, `${base}/cgi-bin/webhook/send?key=abcd1234`));
      await raiseAndDispatch(w, { co: [w.deptB.id] });
      await deliverDueWebhooks(t.ctx);
      expect(hits('abcd1234')).toBe(1);
      expect((await deliveries(w.deptB.id)).at(-1)).toMatchObject({ status: 'delivered', lastStatus: 200 });

      reply = { status: 500, body: 'SECRET-BODY internal service says hello' };
      await raiseAndDispatch(w, { co: [w.deptB.id] });
      await deliverDueWebhooks(t.ctx);
      reply = { status: 200, body: '{"errcode":93000,"errmsg":"SECRET-ERRMSG key 123 invalid"}' };
      await raiseAndDispatch(w, { co: [w.deptB.id] });
      await deliverDueWebhooks(t.ctx);
      // A row written by an older version with reply text in it.
      await t.ctx.db.insert(webhookDeliveries).values({
        deptUnitId: w.deptB.id,
        kind: 'wecom',
        event: 'dispatched',
        payload: {},
        status: 'failed',
        attempts: 5,
        lastStatus: 500,
        lastError: 'SECRET-OLD <html>stack</html>',
        nextAttemptAt: t.clock.now(),
        createdAt: t.clock.now(),
      });
      const page = await w.as.zzb.get(`/api/problems/departments/${w.deptB.id}/settings`);
      expect(page.body).not.toContain('SECRET');
      const errors = (page.json() as { deliveries: Array<{ lastStatus: number | null; lastError: string | null }> })
        .deliveries;
      expect(errors.slice(0, 3).map((d) => [d.lastStatus, d.lastError])).toEqual([
        [500, 'error'],
        [200, 'robot_errcode:93000'],
        [500, 'http_error'],
      ]);
    } finally {
      t.ctx.config.webhookAllow = '';
    }
    // Off the list again: the same stored URL is refused at the next delivery.
    const before = hits('abcd1234');
    await raiseAndDispatch(w, { co: [w.deptB.id] });
    await deliverDueWebhooks(t.ctx);
    expect(hits('abcd1234')).toBe(before);
    expect((await deliveries(w.deptB.id)).at(-1)).toMatchObject({
      status: 'failed',
      lastError: 'target_refused:loopback',
    });
  });
});
