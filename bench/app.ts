import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import type { Database } from '../src/server/db/client.js';
import { seedCalendarOnce, syncRoles } from '../src/server/seed/base.js';

export const BENCH_KEY = 'c3'.repeat(32);

/** The real application over a bench database, logged-out; `loginCookie` makes an authenticated session. */
export async function benchApp(database: Database, opts: { sessionCache?: boolean } = {}): Promise<FastifyInstance> {
  const config = parseConfig({
    NODE_ENV: 'test',
    XIANFENG_DEMO: 'false',
    XIANFENG_WEB_DIR: '/nonexistent',
    XIANFENG_SESSION_IDLE_MINUTES: '600',
  });
  const app = await buildApp({ database, config, secretKeyHex: BENCH_KEY, ...opts });
  await syncRoles(app.ctx);
  await seedCalendarOnce(app.ctx);
  return app;
}

export async function loginCookie(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`bench login failed: ${res.statusCode} ${res.body}`);
  const sid = res.cookies.find((c) => c.name === 'xf_sid');
  return `xf_sid=${sid?.value}`;
}
