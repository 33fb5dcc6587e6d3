import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import './http/types.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createAppContext, type AppContext, type Clock } from './context.js';
import type { FieldCipher } from './crypto/field-cipher.js';
import type { ReadRouter } from './db/replica.js';
import { registerReadRouting } from './http/read-routing.js';
import { zodValidatorCompiler } from './http/validation.js';
import { errorHandler } from './http/error-handler.js';
import { registerAuthentication } from './http/authenticate.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerServerTime } from './http/server-time.js';
import { LOG_REDACT_PATHS, serializeError } from './http/log-redaction.js';
import { registerDatabaseHealth } from './http/database-health.js';
import { registerTextGuard } from './http/text-guard.js';
import { registerCompression } from './http/compression.js';
import { staticHeaders } from './http/static-headers.js';
import { MODULE_ROUTES } from './modules/index.js';
import { createSessionCache } from './modules/auth/index.js';

export interface AppDeps {
  database: Database;
  config: Config;
  clock?: Clock;
  cipher?: FieldCipher;
  secretKeyHex?: string;
  logger?: FastifyServerOptions['logger'];
  /**
   * false: read the session from the database on every request (the bench's "before"; decision 022).
   * The cache is on otherwise.
   */
  sessionCache?: boolean;
  /** Tests: a read router with a fake lag (default: built from database.replica and the config). */
  reads?: ReadRouter;
}

/**
 * Log lines carry ids, methods, paths, status and error codes — never bodies, query strings, cookies,
 * SQL parameters or database error messages (see http/log-redaction.ts).
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      err: (err: Error) => serializeError(err),
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** Builds the whole application without listening; tests drive it with `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 12 * 1024 * 1024,
    forceCloseConnections: 'idle',
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const ctx: AppContext = createAppContext({
    database,
    config,
    secretKeyHex: deps.secretKeyHex ?? config.secretKeyHex ?? '',
    log: app.log,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.cipher ? { cipher: deps.cipher } : {}),
    ...(deps.reads ? { reads: deps.reads } : {}),
  });
  app.decorate('ctx', ctx);
  const routeList: RouteOptions[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    routeList.push(route);
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: '先锋 Xianfeng API',
        description: '党建引领项目建设平台接口 / Party building that leads project construction',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'xf_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  registerSecurityHeaders(app);
  registerServerTime(app);
  const sessionCache = deps.sessionCache === false ? undefined : await createSessionCache(database, { log: app.log });
  app.decorate('sessionCache', sessionCache);
  if (sessionCache) app.addHook('onClose', () => sessionCache.close());
  registerAuthentication(app, sessionCache);
  registerTextGuard(app);
  registerCompression(app);
  registerReadRouting(app, ctx);
  app.setErrorHandler(errorHandler);

  registerDatabaseHealth(app, database);
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  for (const routes of MODULE_ROUTES) await app.register(routes);

  const webDir = resolve(config.webDir);
  const hasWeb = existsSync(resolve(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // Brotli and gzip copies are made by `npm run build` (scripts/vite-precompress.ts); they are picked by
      // Accept-Encoding, never served under their own names.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      setHeaders: staticHeaders,
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/')) {
      // The single-page app answers every other path (it shows its own 404 page).
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ code: 'NOT_FOUND', message: req.lang === 'en' ? 'Not found' : '接口不存在' });
  });
  return app;
}
