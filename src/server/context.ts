import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Db, DbKind } from './db/client.js';
import type { FieldCipher } from './crypto/field-cipher.js';
import { createCalendarStore, type CalendarStore } from './modules/calendar/calendar.store.js';
import type { Database } from './db/client.js';
import { createFieldCipher } from './crypto/field-cipher.js';
import { deriveAuditKey, setAuditKey } from './audit/audit.key.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every service needs, built once in buildApp and passed explicitly (no globals). */
export interface AppContext {
  db: Db;
  dbKind: DbKind;
  config: Config;
  clock: Clock;
  cipher: FieldCipher;
  calendar: CalendarStore;
  log: FastifyBaseLogger;
}

export function createAppContext(opts: {
  database: Database;
  config: Config;
  secretKeyHex: string;
  log: FastifyBaseLogger;
  clock?: Clock;
  cipher?: FieldCipher;
}): AppContext {
  if (opts.secretKeyHex) setAuditKey(deriveAuditKey(opts.secretKeyHex));
  return {
    db: opts.database.db,
    dbKind: opts.database.kind,
    config: opts.config,
    clock: opts.clock ?? systemClock,
    cipher: opts.cipher ?? createFieldCipher(opts.secretKeyHex),
    calendar: createCalendarStore(opts.database.db),
    log: opts.log,
  };
}
