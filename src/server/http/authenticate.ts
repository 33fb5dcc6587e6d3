import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../errors.js';
import { requestLang } from './lang.js';
import {
  deleteSession,
  findSessionUser,
  touchSession,
  type SessionCache,
  type SessionUserRow,
} from '../modules/auth/index.js';
import { permissionsOf } from '../../shared/roles.js';
import { scopeKindOf } from '../../shared/org-kinds.js';
import type { Actor } from '../actor.js';

export const SESSION_COOKIE = 'xf_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_seen_at is written at most once a minute per session, not on every read. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const unauthenticated = () => new AppError('UNAUTHENTICATED', { zh: '请先登录', en: 'Please log in' });

/**
 * Resolves the actor of every /api request from the session cookie, then enforces, in this order:
 * idle and absolute session expiry, CSRF on state-changing requests, a pending password change, and
 * the route's permission. Public routes skip all of it.
 *
 * With a session cache (decision 022) the row comes from memory; an expired or disabled verdict is
 * only ever reached on a row read again from the database (another server may have seen the session
 * since), and every state-changing request empties the cache before its response leaves, so what it
 * changed counts on this server's next request.
 */
export function registerAuthentication(app: FastifyInstance, cache?: SessionCache): void {
  // A public route says so in the OpenAPI document too (an operation without security), so the
  // document tells which routes need a session and test/route-sweep.test.ts can check every one.
  app.addHook('onRoute', (route) => {
    if (route.config?.public) route.schema = { ...route.schema, security: [] };
  });
  app.decorateRequest('actor', undefined);
  app.decorateRequest('lang', 'zh');
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    req.lang = requestLang(req);
    if (!req.url.startsWith('/api/')) return;
    const cfg = req.routeOptions.config ?? {};
    if (cfg.public) return;
    const { db, clock, config } = app.ctx;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw unauthenticated();
    const sessionId = hashSessionToken(token);
    let row = cache ? await cache.find(db, sessionId) : await findSessionUser(db, sessionId);
    const now = clock.now();
    const idleMs = config.sessionIdleMinutes * 60_000;
    const isExpired = (r: SessionUserRow) =>
      now.getTime() - r.lastSeenAt.getTime() > idleMs ||
      now.getTime() - r.createdAt.getTime() > config.sessionMaxHours * 3_600_000;
    if (cache && row && (row.disabled || isExpired(row))) row = await cache.reload(db, sessionId);
    if (!row) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw unauthenticated();
    }
    if (row.disabled || isExpired(row)) {
      await deleteSession(db, row.sessionId);
      cache?.forget(row.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (row.disabled)
        throw new AppError('UNAUTHENTICATED', { zh: '账号已停用，请联系系统管理员', en: 'This account is disabled' });
      throw new AppError('SESSION_EXPIRED', {
        zh: `登录已过期（超过 ${config.sessionIdleMinutes} 分钟未操作），请重新登录`,
        en: `Your session expired after ${config.sessionIdleMinutes} minutes without activity; please log in again`,
      });
    }
    if (!SAFE_METHODS.has(req.method) && cfg.csrf !== false) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, row.csrfToken))
        throw new AppError('CSRF', {
          zh: '请求缺少有效的安全令牌（CSRF），请刷新页面后重试',
          en: 'Missing or invalid CSRF token; reload the page and try again',
        });
    }
    if (row.mustChangePassword && !cfg.duringPasswordChange)
      throw new AppError('PASSWORD_CHANGE_REQUIRED', {
        zh: '请先修改初始密码',
        en: 'Please change your initial password first',
      });
    const actor: Actor = {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      roles: row.roles,
      permissions: permissionsOf(row.roles),
      scope: {
        unitId: row.scopeUnitId,
        path: row.scopePath,
        kind: scopeKindOf(row.scopeKind),
        unitKind: row.scopeKind,
        name: row.scopeName,
      },
      sessionId: row.sessionId,
      ip: req.ip,
      requestId: String(req.id),
      lang: req.lang,
    };
    if (cfg.permission && !actor.permissions.has(cfg.permission)) throw forbidden();
    if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await touchSession(db, row.sessionId, now);
      cache?.touched(row.sessionId, now);
    }
    req.actor = actor;
  });
  if (cache)
    app.addHook('onSend', async (req, _reply, payload) => {
      if (!SAFE_METHODS.has(req.method)) cache.flush();
      return payload;
    });
}

/** The actor of an authenticated route (the hook guarantees it). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
