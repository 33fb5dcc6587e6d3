import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { ConfigError, parseConfig, type Config } from '../config.js';
import { databaseOptionsFromConfig, openDatabase, type Database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createAppContext, type AppContext } from '../context.js';
import { loadSecretKey } from '../crypto/secret-key.js';

/** Opens the configured database for a command-line task (taking the data-dir lock like the server). */
/** The configuration, or every problem with it printed and exit code 2 (a command-line tool's start). */
export function configOrExit(): Config {
  try {
    return parseConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

export async function openForCli(
  purpose: string,
  opts: { migrate?: boolean } = {},
): Promise<{ ctx: AppContext; database: Database; config: Config }> {
  const config = configOrExit();
  let database: Database;
  try {
    database = await openDatabase(databaseOptionsFromConfig(config, purpose));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(3);
  }
  if (opts.migrate !== false) await migrateDatabase(database);
  const log = pino({ level: 'warn' }) as unknown as FastifyBaseLogger;
  const ctx = createAppContext({ database, config, secretKeyHex: loadSecretKey(config), log });
  return { ctx, database, config };
}
