import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from './app.js';
import { migrateDatabase } from './db/migrate.js';
import { bootstrap, type BootstrapResult } from './seed/bootstrap.js';

/**
 * A server's start up to listening: migrations (under their advisory lock), the app, then roles,
 * the calendar seed and the demo or production first start (under the first-start lock, decision
 * 019) — so N servers started at once on one empty PostgreSQL database all come up and load once.
 */
export async function startApp(deps: AppDeps): Promise<{ app: FastifyInstance; boot: BootstrapResult }> {
  await migrateDatabase(deps.database);
  const app = await buildApp(deps);
  try {
    return { app, boot: await bootstrap(app.ctx) };
  } catch (e) {
    await app.close();
    throw e;
  }
}
