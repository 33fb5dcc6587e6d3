import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { parseConfig, type Config } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import type { Database } from '../src/server/db/client.js';
import type { ReadRouter } from '../src/server/db/replica.js';
import { seedCalendarOnce, syncRoles } from '../src/server/seed/base.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import { FakeClock } from './fake-clock.js';

export const TEST_KEY = 'a1'.repeat(32);

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: FakeClock;
  db: TestDatabase;
  /** Logs in through the real endpoint and returns an agent carrying the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Agent>;
  anonymous(): Agent;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'Test@pass2026';

export async function createTestApp(
  env: Record<string, string> = {},
  opts: { reads?: (database: Database) => ReadRouter } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config: Config = parseConfig({
    NODE_ENV: 'test',
    XIANFENG_DEMO: 'false',
    XIANFENG_WEB_DIR: '/nonexistent',
    XIANFENG_AUDIT_ANCHOR_FILE: join(tmpdir(), `xf-audit-anchors-${randomBytes(6).toString('hex')}.log`),
    XIANFENG_BACKUP_DIR: join(tmpdir(), `xf-backups-${randomBytes(6).toString('hex')}`),
    ...env,
  });
  const clock = new FakeClock();
  const app = await buildApp({
    database: db.database,
    config,
    clock,
    secretKeyHex: TEST_KEY,
    ...(opts.reads ? { reads: opts.reads(db.database) } : {}),
  });
  await syncRoles(app.ctx);
  await seedCalendarOnce(app.ctx);
  const t: TestApp = {
    app,
    ctx: app.ctx,
    clock,
    db,
    anonymous: () => new Agent(app),
    async login(username, password = TEST_PASSWORD) {
      const agent = new Agent(app);
      const res = await agent.post('/api/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return agent;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
  return t;
}

type Body = Record<string, unknown> | unknown[] | undefined;

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class Agent {
  cookie: string | undefined;
  /** Other cookies the server set (the read-your-writes time `xf_rw` when a replica is configured). */
  readonly otherCookies = new Map<string, string>();
  csrf: string | undefined;
  lang: 'zh' | 'en' = 'zh';
  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: Body,
    opts: { csrf?: string | null } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { 'x-lang': this.lang };
    const cookies = [this.cookie, ...[...this.otherCookies].map(([k, v]) => `${k}=${v}`)].filter(Boolean);
    if (cookies.length) headers.cookie = cookies.join('; ');
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'xf_sid');
    if (set) this.cookie = set.value ? `xf_sid=${set.value}` : undefined;
    for (const c of res.cookies) if (c.name !== 'xf_sid') this.otherCookies.set(c.name, c.value);
    if (res.statusCode === 200 && res.headers['content-type']?.toString().includes('application/json')) {
      const json = res.json() as { csrfToken?: string };
      if (json && typeof json === 'object' && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    }
    return res;
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: Body, opts?: { csrf?: string | null }) {
    return this.request('POST', url, body ?? {}, opts);
  }
  put(url: string, body?: Body) {
    return this.request('PUT', url, body ?? {});
  }
  patch(url: string, body?: Body) {
    return this.request('PATCH', url, body ?? {});
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}
