import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../src/server/context.js';
import { hashPassword } from '../src/server/crypto/password.js';
import { loginAttempts, users } from '../src/server/db/schema/index.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo-region.js';
import { fuzzRequest, routesOf, seededRandom, type FuzzRequest, type OpenApiDoc, type Route } from './fuzz-openapi.js';

/** Who the fuzzer sends as: a logged-in account (restored if a fuzzed request disabled or reset it) or nobody. */
export interface FuzzIdentity {
  name: string;
  username?: string;
  password?: string;
  /** Undo what fuzzed requests may have done to this account (disabled, password reset, locked). */
  restore?: () => Promise<void>;
}

interface Session {
  identity: FuzzIdentity;
  cookie?: string;
  csrf?: string;
}

export interface FuzzFailure {
  as: string;
  method: string;
  url: string;
  body?: string;
  status: number;
  response: string;
}

export interface FuzzResult {
  sent: number;
  byStatus: Record<number, number>;
  failures: FuzzFailure[];
  /** 400s given by the error handler's last resort (a PostgreSQL 22xxx): validation let the value through. */
  lastResort: FuzzFailure[];
  routes: number;
}

async function login(app: FastifyInstance, s: Session): Promise<void> {
  const { username, password } = s.identity;
  if (!username) return;
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`fuzz login ${username}: ${res.statusCode} ${res.body}`);
  s.cookie = `xf_sid=${res.cookies.find((c) => c.name === 'xf_sid')?.value}`;
  s.csrf = (res.json() as { csrfToken: string }).csrfToken;
}

async function send(app: FastifyInstance, s: Session, r: FuzzRequest) {
  const headers: Record<string, string> = {};
  if (s.cookie) headers.cookie = s.cookie;
  if (s.csrf && r.method !== 'GET') headers['x-csrf-token'] = s.csrf;
  if (r.body !== undefined) headers['content-type'] = 'application/json';
  return app.inject({ method: r.method, url: r.url, headers, ...(r.body !== undefined ? { payload: r.body } : {}) });
}

/**
 * Sends `perRoute` fuzzed requests to every operation of the OpenAPI document, rotating through the
 * identities, and records every 5xx with the request that caused it. `ids` are row ids that exist,
 * so plausible references reach the services.
 */
export async function fuzzApp(
  app: FastifyInstance,
  o: { seed: number; perRoute: number; identities: FuzzIdentity[]; ids: number[]; skip?: (r: Route) => boolean },
): Promise<FuzzResult> {
  await app.ready();
  const routes = routesOf(app.swagger() as unknown as OpenApiDoc).filter((r) => !o.skip?.(r));
  const rnd = seededRandom(o.seed);
  const sessions: Session[] = o.identities.map((identity) => ({ identity }));
  for (const s of sessions) await login(app, s);
  const result: FuzzResult = { sent: 0, byStatus: {}, failures: [], lastResort: [], routes: routes.length };
  // Identities a route refused (403): the next requests go to one it lets in, so they reach the service.
  const refused = new Map<Route, Set<Session>>();
  for (let round = 0; round < o.perRoute; round++) {
    for (const route of routes) {
      const no = refused.get(route) ?? new Set<Session>();
      const allowed = sessions.filter((x) => !no.has(x));
      const pool = allowed.length ? allowed : sessions;
      const s = pool[round % pool.length] as Session;
      const req = fuzzRequest(rnd, route, o.ids);
      const res = await send(app, s, req);
      result.sent++;
      result.byStatus[res.statusCode] = (result.byStatus[res.statusCode] ?? 0) + 1;
      const dbRefused = res.statusCode === 400 && res.body.includes('提交的数据无法保存');
      if (res.statusCode >= 500 || dbRefused)
        (dbRefused ? result.lastResort : result.failures).push({
          as: s.identity.name,
          method: req.method,
          url: req.url,
          ...(req.body !== undefined ? { body: req.body.slice(0, 300) } : {}),
          status: res.statusCode,
          response: res.body.slice(0, 300),
        });
      if (res.statusCode === 403 && res.body.includes('"FORBIDDEN"')) refused.set(route, no.add(s));
      // A fuzzed request may have logged this account out, reset its password or disabled it.
      if (s.identity.username && (res.statusCode === 401 || res.body.includes('PASSWORD_CHANGE_REQUIRED'))) {
        const who = await send(app, s, { method: 'GET', url: '/api/auth/me' });
        if (who.statusCode !== 200) {
          await s.identity.restore?.();
          await login(app, s);
        }
      }
    }
  }
  return result;
}

export function describeFailures(r: FuzzResult, max = 20, list: FuzzFailure[] = r.failures): string {
  return list
    .slice(0, max)
    .map(
      (f) =>
        `${f.status} as ${f.as}: ${f.method} ${f.url}${f.body !== undefined ? ` body=${f.body}` : ''}\n    → ${f.response}`,
    )
    .join('\n');
}

/** The demo region's system administrator and 组织部 account, restorable after a fuzzed request. */
export async function demoIdentities(ctx: AppContext): Promise<FuzzIdentity[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const as = (name: string, username: string): FuzzIdentity => ({
    name,
    username,
    password: DEMO_PASSWORD,
    restore: async () => {
      await ctx.db
        .update(users)
        .set({ disabled: false, mustChangePassword: false, passwordHash: hash })
        .where(eq(users.username, username));
      await ctx.db.delete(loginAttempts).where(eq(loginAttempts.username, username));
    },
  });
  return [as('系统管理员', 'admin'), as('组织部', 'zzb')];
}
