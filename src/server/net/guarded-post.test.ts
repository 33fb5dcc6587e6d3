import type * as Dns from 'node:dns';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import { parseAllowList } from './address-policy.js';
import { guardedPostJson, refusedTarget } from './guarded-post.js';

/** DNS answers for made-up names; each lookup is counted (real DNS for everything else). */
const answers = new Map<string, string[]>();
const lookups: string[] = [];
vi.mock('node:dns', async (importOriginal) => {
  const real = await importOriginal<typeof Dns>();
  const lookup = (host: string, opts: unknown, cb: (e: Error | null, a: unknown) => void) => {
    const a = answers.get(host);
    if (!a) return (real.lookup as unknown as (h: string, o: unknown, c: unknown) => void)(host, opts, cb);
    lookups.push(host);
    cb(
      null,
      a.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return { ...real, default: { ...real, lookup }, lookup };
});

let server: Server;
let port = 0;
const received: Array<{ host: string | undefined; body: string }> = [];
let reply: { status: number; body: string; headers?: Record<string, string> } = { status: 200, body: '{"errcode":0}' };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ host: req.headers.host, body });
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(() => {
  received.length = 0;
  lookups.length = 0;
  answers.clear();
  reply = { status: 200, body: '{"errcode":0}' };
});

const none = parseAllowList('');
const loopbackAllowed = parseAllowList('127.0.0.1');

describe('outgoing POST checked after DNS and pinned to the checked address', () => {
  it('a local server is reached only when its address is allow-listed', async () => {
    const url = `http://127.0.0.1:${port}/hook`;
    expect(await guardedPostJson(url, { a: 1 }, none)).toMatchObject({
      ok: false,
      status: null,
      error: 'target_refused:loopback',
    });
    expect(received).toEqual([]);
    expect(await guardedPostJson(url, { a: 1 }, loopbackAllowed)).toMatchObject({ ok: true, status: 200 });
    expect(received).toEqual([{ host: `127.0.0.1:${port}`, body: '{"a":1}' }]);
  });

  it('every DNS answer is checked: one internal address among public ones refuses the name', async () => {
    answers.set('robot.example.test', ['203.0.113.200', '101.226.1.1', '127.0.0.1']);
    const res = await guardedPostJson(`http://robot.example.test:${port}/hook`, {}, none);
    expect(res.error).toBe('target_refused:reserved');
    answers.set('robot.example.test', ['101.226.1.1', '127.0.0.1']);
    expect((await guardedPostJson(`http://robot.example.test:${port}/hook`, {}, none)).error).toBe(
      'target_refused:loopback',
    );
    answers.set('meta.example.test', ['169.254.169.254']);
    expect((await guardedPostJson(`http://meta.example.test/latest`, {}, none)).error).toBe(
      'target_refused:link_local',
    );
    answers.set('v6.example.test', ['::ffff:10.0.0.1']);
    expect((await guardedPostJson(`http://v6.example.test/`, {}, none)).error).toBe('target_refused:private');
    expect(received).toEqual([]);
  });

  it('DNS rebinding: public at save time, loopback at delivery → refused at delivery, nothing sent', async () => {
    answers.set('rebind.example.test', ['101.226.1.1']);
    expect(await refusedTarget(`http://rebind.example.test:${port}/hook`, none)).toBeNull();
    answers.set('rebind.example.test', ['127.0.0.1']);
    const res = await guardedPostJson(`http://rebind.example.test:${port}/hook`, {}, none);
    expect(res.error).toBe('target_refused:loopback');
    expect(lookups).toEqual(['rebind.example.test', 'rebind.example.test']);
    expect(received).toEqual([]);
  });

  it('the connection goes to the address that was checked (a made-up name answered 127.0.0.1, allow-listed)', async () => {
    answers.set('robot.intra.test', ['127.0.0.1']);
    const res = await guardedPostJson(`http://robot.intra.test:${port}/hook`, { b: 2 }, loopbackAllowed);
    expect(res).toMatchObject({ ok: true, status: 200 });
    expect(lookups).toEqual(['robot.intra.test']);
    expect(received).toEqual([{ host: `robot.intra.test:${port}`, body: '{"b":2}' }]);
    // Allow-listing the host name itself works too.
    expect(
      (await guardedPostJson(`http://robot.intra.test:${port}/hook`, {}, parseAllowList('robot.intra.test'))).ok,
    ).toBe(true);
  });

  it('save-time check resolves names and refuses internal answers', async () => {
    answers.set('intranet.example.test', ['192.168.3.4']);
    expect(await refusedTarget('https://intranet.example.test/robot', none)).toBe('private');
    expect(await refusedTarget('https://intranet.example.test/robot', parseAllowList('192.168.0.0/16'))).toBeNull();
    expect(await refusedTarget('http://2130706433/', none)).toBe('loopback');
  });

  it('redirects are not followed and reply bodies are not part of the outcome', async () => {
    reply = { status: 302, body: '', headers: { location: 'http://169.254.169.254/latest/meta-data/' } };
    expect(await guardedPostJson(`http://127.0.0.1:${port}/`, {}, loopbackAllowed)).toMatchObject({
      ok: false,
      status: 302,
      error: 'redirect',
    });
    reply = { status: 500, body: 'SECRET internal stack trace' };
    const res = await guardedPostJson(`http://127.0.0.1:${port}/`, {}, loopbackAllowed);
    expect(res).toMatchObject({ ok: false, status: 500, error: 'http_error' });
    expect(JSON.stringify({ status: res.status, error: res.error })).not.toContain('SECRET');
  });
});
