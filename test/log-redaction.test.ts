import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp, loggerOptions } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { Agent, createTestApp, TEST_KEY, type TestApp } from './test-app.js';
import { nextId, peopleWorld } from './people-helpers.js';
import { serializeError } from '../src/server/http/log-redaction.js';

/** A second app over the test database whose log lines are captured as parsed JSON. */
let t: TestApp;
let logged: { app: FastifyInstance; lines: string[] };
let w: Awaited<ReturnType<typeof peopleWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await peopleWorld(t);
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const config = parseConfig({ NODE_ENV: 'test', XIANFENG_DEMO: 'false', XIANFENG_WEB_DIR: '/nonexistent' });
  const options = loggerOptions('info') as Record<string, unknown>;
  const app = await buildApp({
    database: t.db.database,
    config,
    clock: t.clock,
    secretKeyHex: TEST_KEY,
    logger: { ...options, stream },
  });
  // A route whose query fails inside PostgreSQL with a personal value as its parameter: the
  // database quotes it in its message and drizzle repeats it in its own message and `params`.
  app.get('/api/test/failing-query', { config: { public: true }, schema: { hide: true } }, async (req) => {
    const id = (req.query as { id: string }).id;
    await app.ctx.db.execute(sql`select current_setting(${id}) as n`);
    return { ok: true };
  });
  logged = { app, lines };
});
afterAll(async () => {
  await logged?.app.close();
  await t?.close();
});

describe('error logs carry request ids and codes, never values', () => {
  it('a failing query logs its request id, INTERNAL and the SQLSTATE, not the ID number, the SQL params or the query string', async () => {
    const idNumber = nextId();
    const res = await logged.app.inject({ method: 'GET', url: `/api/test/failing-query?id=${idNumber}` });
    expect(res.statusCode).toBe(500);
    const requestId = res.json().requestId as string;
    expect(res.body).not.toContain(idNumber);
    const text = logged.lines.join('\n');
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(idNumber.slice(0, 10));
    const entries = logged.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const error = entries.find((e) => e.reqId === requestId && e.msg === 'unhandled error');
    expect(error).toMatchObject({ level: 50, code: 'INTERNAL' });
    const err = error!.err as { type: string; cause?: { sqlState?: string }; sqlState?: string; stack: string };
    expect(err.type).toBe('DrizzleQueryError');
    expect(err.cause?.sqlState ?? err.sqlState).toBe('42704'); // unrecognized configuration parameter "<the value>"
    expect(err.stack).toMatch(/^\s+at /);
  });

  it('a login and a people search with personal values leave neither username, password, body nor query in the log', async () => {
    const agent = new Agent(logged.app);
    const secretName = `spy${Math.random().toString(36).slice(2, 8)}`;
    const before = logged.lines.length;
    await agent.post('/api/auth/login', { username: `${secretName}\u0000x`, password: 'Secret#Pass2026' });
    await agent.post('/api/auth/login', { username: secretName, password: 'Secret#Pass2026' });
    const ok = await agent.post('/api/auth/login', { username: w.orgDept.username, password: 'Test@pass2026' });
    expect(ok.statusCode).toBe(200);
    const idNumber = nextId();
    await agent.post('/api/people', {
      name: '日志甲',
      idNumber,
      phone: '13912340000',
      relationOrgUnitId: w.branchA.id,
    });
    await agent.get(`/api/people?q=${idNumber}`);
    const text = logged.lines.slice(before).join('\n');
    expect(text).toContain('"statusCode":200'); // the requests were logged at all
    for (const secret of [secretName, 'Secret#Pass2026', 'Test@pass2026', w.orgDept.username, idNumber, '13912340000'])
      expect(text).not.toContain(secret);
  });

  it('the serializer drops database messages, drizzle params and long numbers from free text', () => {
    const pgError = Object.assign(new Error('invalid input syntax for type integer: "110101199003077777"'), {
      code: '22P02',
      severity: 'ERROR',
      detail: 'Key (id_hash)=(abc) already exists.',
    });
    const drizzle = Object.assign(new Error('Failed query: select $1\nparams: 110101199003077777'), {
      params: ['110101199003077777'],
      cause: pgError,
    });
    const out = JSON.stringify(serializeError(drizzle));
    expect(out).not.toContain('1101011990');
    expect(out).not.toContain('abc');
    expect(out).toContain('22P02');
    expect(JSON.stringify(serializeError(new Error('user 13912345678 failed')))).not.toContain('13912345678');
  });
});
