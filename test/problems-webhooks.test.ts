import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { webhookDeliveries } from '../src/server/db/schema/index.js';
import { deliverDueWebhooks } from '../src/server/modules/problems/problem.webhook.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildProblemWorld, LONG_SESSIONS, ok, raiseAndDispatch, type ProblemWorld } from './problem-factories.js';

let t: TestApp;
let w: ProblemWorld;
let server: Server;
let base = '';
const received: Array<{ url: string; body: Record<string, unknown> }> = [];
/** How the receiver answers the next requests: an HTTP status, or a robot errcode. */
const plan: Array<{ status: number; errcode?: number }> = [];

beforeAll(async () => {
  // The test robot listens on 127.0.0.1: reachable only because the operator's allow-list names it.
  t = await createTestApp({ ...LONG_SESSIONS, XIANFENG_WEBHOOK_ALLOW: '127.0.0.1' });
  w = await buildProblemWorld(t);
  server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: JSON.parse(data) as Record<string, unknown> });
      const next = plan.shift() ?? { status: 200, errcode: 0 };
      res.writeHead(next.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errcode: next.errcode ?? 0, errmsg: next.errcode ? 'invalid' : 'ok' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await t?.close();
});

async function deliveries(deptId: number) {
  return t.ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.deptUnitId, deptId))
    .orderBy(asc(webhookDeliveries.id));
}

describe('group-robot webhooks per department, with retries and a delivery log', () => {
  it('WeCom: a dispatch is pushed in the markdown format; failures are retried with backoff, then delivered', async () => {
    await ok(
      w.as.zzb.put(`/api/problems/departments/${w.deptA.id}/settings`, {
        headUserId: null,
        leaderUserId: null,
        webhookKind: 'wecom',
        webhookUrl: `${base}/cgi-bin/webhook/send?key=abcd1234`,
        webhookEnabled: true,
      }),
    );
    const shown = await ok<{ webhookUrl: string }>(w.as.zzb.get(`/api/problems/departments/${w.deptA.id}/settings`));
    expect(shown.webhookUrl).toBe(`${base}/cgi-bin/webhook/send?key=abcd****`);
    const p = await raiseAndDispatch(w);
    const [queued] = await deliveries(w.deptA.id);
    expect(queued).toMatchObject({
      status: 'pending',
      kind: 'wecom',
      event: 'dispatched',
      problemId: p.id,
      attempts: 0,
    });
    plan.push({ status: 500 }, { status: 200, errcode: 93000 });
    expect(await deliverDueWebhooks(t.ctx)).toBe(1);
    let [d] = await deliveries(w.deptA.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 });
    expect(d!.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(60_000);
    // not yet due: nothing sent
    expect(await deliverDueWebhooks(t.ctx)).toBe(0);
    t.clock.advanceMinutes(1);
    await deliverDueWebhooks(t.ctx);
    [d] = await deliveries(w.deptA.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 2, lastError: 'robot_errcode:93000' });
    expect(d!.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(5 * 60_000);
    t.clock.advanceMinutes(5);
    await deliverDueWebhooks(t.ctx);
    [d] = await deliveries(w.deptA.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200, lastError: null });
    expect(received.length).toBe(3);
    const msg = received[2]!;
    expect(msg.url).toBe('/cgi-bin/webhook/send?key=abcd1234');
    expect(msg.body).toMatchObject({ msgtype: 'markdown' });
    const content = (msg.body.markdown as { content: string }).content;
    expect(content).toContain(`**【待签收】${p.title}**`);
    expect(content).toContain('> 答复时限：');
    const log = await ok<{ deliveries: Array<{ status: string; attempts: number }> }>(
      w.as.zzb.get(`/api/problems/departments/${w.deptA.id}/settings`),
    );
    expect(log.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('DingTalk: signed URL (加签) and markdown {title, text}; gives up after five attempts', async () => {
    received.length = 0;
    await ok(
      w.as.zzb.put(`/api/problems/departments/${w.deptA.id}/settings`, {
        headUserId: null,
        leaderUserId: null,
        webhookKind: 'wecom',
        webhookEnabled: false,
      }),
    );
    await ok(
      w.as.zzb.put(`/api/problems/departments/${w.deptB.id}/settings`, {
        headUserId: null,
        leaderUserId: null,
        webhookKind: 'dingtalk',
        webhookUrl: `${base}/robot/send?access_token=tok999`,
        webhookSecret: 'SECxyz',
        webhookEnabled: true,
      }),
    );
    await raiseAndDispatch(w, { co: [w.deptB.id] });
    const mine = (await deliveries(w.deptB.id)).filter((d) => d.status === 'pending');
    expect(mine.length).toBe(1);
    await deliverDueWebhooks(t.ctx);
    const sent = received.find((r) => r.url.startsWith('/robot/send'))!;
    const u = new URL(sent.url, base);
    const ts = u.searchParams.get('timestamp')!;
    expect(u.searchParams.get('access_token')).toBe('tok999');
    expect(u.searchParams.get('sign')).toBe(createHmac('sha256', 'SECxyz').update(`${ts}\nSECxyz`).digest('base64'));
    expect(sent.body).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: expect.stringContaining('【待签收】') },
    });
    expect((sent.body.markdown as { text: string }).text).toMatch(/^#### 【待签收】/);
    // now the robot keeps failing: 1, 5, 15, 60 minutes, then failed
    const id = mine[0]!.id;
    const row = async () =>
      (
        await t.ctx.db
          .select()
          .from(webhookDeliveries)
          .where(and(eq(webhookDeliveries.id, id)))
      )[0]!;
    expect((await row()).status).toBe('delivered');
    await raiseAndDispatch(w, { co: [w.deptB.id] });
    const failing = (await deliveries(w.deptB.id)).find((d) => d.status === 'pending')!;
    for (const wait of [0, 1, 5, 15, 60]) {
      t.clock.advanceMinutes(wait);
      plan.push({ status: 502 });
      await deliverDueWebhooks(t.ctx);
    }
    const [last] = await t.ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, failing.id));
    expect(last).toMatchObject({ status: 'failed', attempts: 5, lastStatus: 502 });
  });

  it('a department without a robot gets nothing queued; 400 for a bad URL; 404 for a department of another region', async () => {
    const before = (await deliveries(w.deptC.id)).length;
    await raiseAndDispatch(w, { co: [w.deptC.id] });
    expect((await deliveries(w.deptC.id)).length).toBe(before);
    const bad = await w.as.zzb.put(`/api/problems/departments/${w.deptC.id}/settings`, {
      headUserId: null,
      leaderUserId: null,
      webhookKind: 'wecom',
      webhookUrl: 'ftp://x',
      webhookEnabled: true,
    });
    expect(bad.statusCode).toBe(400);
    expect((await w.as.a.get(`/api/problems/departments/${w.deptC.id}/settings`)).statusCode).toBe(403);
  });
});
