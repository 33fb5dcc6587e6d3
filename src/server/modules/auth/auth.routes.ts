import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, hashSessionToken, SESSION_COOKIE } from '../../http/authenticate.js';
import { authApi } from '../../../shared/api/auth.js';
import { routeSchema } from '../../http/contract.js';
import { changeOwnPassword, completeSetup, currentUser, isSetupNeeded, login, logout } from './auth.service.js';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: ctx.config.cookieSecure, path: '/' };

  const me = (sessionId: string) => currentUser(ctx, sessionId);

  r.post('/api/auth/login', {
    config: { public: true, csrf: false },
    schema: { tags: ['auth'], summary: '登录 / log in', ...routeSchema(authApi['POST /api/auth/login']) },
    handler: async (req, reply) => {
      const res = await login(ctx, req.body.username, req.body.password, { ip: req.ip, requestId: String(req.id) });
      reply.setCookie(SESSION_COOKIE, res.token, cookieOptions);
      return me(hashSessionToken(res.token));
    },
  });

  r.post('/api/auth/logout', {
    config: { duringPasswordChange: true },
    schema: { tags: ['auth'], summary: '退出登录 / log out', ...routeSchema(authApi['POST /api/auth/logout']) },
    handler: async (req, reply) => {
      await logout(ctx, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  r.get('/api/auth/me', {
    config: { duringPasswordChange: true },
    schema: { tags: ['auth'], summary: '当前用户 / current user', ...routeSchema(authApi['GET /api/auth/me']) },
    handler: async (req) => me(actorOf(req).sessionId),
  });

  r.post('/api/auth/password', {
    config: { duringPasswordChange: true },
    schema: {
      tags: ['auth'],
      summary: '修改密码 / change password',
      ...routeSchema(authApi['POST /api/auth/password']),
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await changeOwnPassword(ctx, actor, req.body.oldPassword, req.body.newPassword);
      return me(actor.sessionId);
    },
  });

  r.get('/api/auth/setup', {
    config: { public: true },
    schema: {
      tags: ['auth'],
      summary: '是否需要首次初始化 / is first-start setup pending',
      ...routeSchema(authApi['GET /api/auth/setup']),
    },
    handler: async () => ({ needed: await isSetupNeeded(ctx) }),
  });

  r.post('/api/auth/setup', {
    config: { public: true, csrf: false },
    schema: {
      tags: ['auth'],
      summary: '设置首位管理员密码 / set the first administrator password',
      ...routeSchema(authApi['POST /api/auth/setup']),
    },
    handler: async (req) => {
      await completeSetup(ctx, req.body.setupToken, req.body.newPassword, { ip: req.ip, requestId: String(req.id) });
      return { ok: true as const };
    },
  });
}
