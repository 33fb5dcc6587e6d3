import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.js';
import { connectionErrorCode } from '../db/availability.js';

const PROBE_TIMEOUT_MS = 5_000;

/**
 * `GET /healthz`: the database's state (ok | unavailable) and the probe's latency, 503 while it is
 * away. Lost connections are logged here as one warning with a code (the pool itself reconnects).
 */
export function registerDatabaseHealth(app: FastifyInstance, database: Database): void {
  database.onConnectionError?.((err) =>
    app.log.warn({ code: connectionErrorCode(err) }, 'database connection lost; the pool reconnects on demand'),
  );
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        database.db.execute(sql`select 1`),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(Object.assign(new Error('probe timeout'), { code: 'ETIMEDOUT' })),
            PROBE_TIMEOUT_MS,
          );
        }),
      ]);
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      return { status: 'ok', db: database.kind, database: { state: 'ok', latencyMs } };
    } catch (err) {
      return reply.code(503).send({
        status: 'unavailable',
        db: database.kind,
        database: { state: 'unavailable', code: connectionErrorCode(err) },
      });
    } finally {
      clearTimeout(timer);
    }
  });
}
