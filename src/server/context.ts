import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Db, DbKind } from './db/client.js';
import type { FieldCipher } from './crypto/field-cipher.js';
import { createCalendarStore, type CalendarStore } from './modules/calendar/index.js';
import type { Database } from './db/client.js';
import { createFieldCipher } from './crypto/field-cipher.js';
import { deriveAuditKey, setAuditKey } from './audit/audit.key.js';
import { deriveBackupKeys, type BackupKeys } from './crypto/backup-key.js';
import { fileStoreFromConfig, type FileStore } from './files/storage.js';
import { createReadRouter, type ReadRouter } from './db/replica.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that reads `start` now and then runs in real time (sessions and lockouts still expire). */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

/** The server's clock: the system clock, or under NODE_ENV=test the XIANFENG_CLOCK_START one. */
export function clockFromConfig(config: Config): Clock {
  if (!config.clockStart) return systemClock;
  if (config.env !== 'test') throw new Error('XIANFENG_CLOCK_START is honoured only when NODE_ENV=test');
  return clockStartingAt(config.clockStart);
}

/** What every service needs, built once in buildApp and passed explicitly (no globals). */
export interface AppContext {
  /** The primary: every write and every read that is not a report. */
  db: Db;
  /**
   * Report reads (statistics, coverage, the board, the home counts, the cockpit to come). The app's
   * context has `readDb = db`; a report route hands its service `reportCtx(req)` (http/read-routing.ts),
   * whose readDb is the replica when one is configured, current enough, and the session has not just
   * written (db/replica.ts). Never write through it.
   */
  readDb: Db;
  /** Chooses readDb per request and watches the replica's lag. */
  reads: ReadRouter;
  dbKind: DbKind;
  config: Config;
  clock: Clock;
  cipher: FieldCipher;
  calendar: CalendarStore;
  log: FastifyBaseLogger;
  /** Backup encryption keys, derived from the same master secret (crypto/backup-key.ts). */
  backupKeys: BackupKeys;
  /** Uploaded files (files/storage.ts). */
  files: FileStore;
}

export function createAppContext(opts: {
  database: Database;
  config: Config;
  secretKeyHex: string;
  log: FastifyBaseLogger;
  clock?: Clock;
  cipher?: FieldCipher;
  files?: FileStore;
  reads?: ReadRouter;
}): AppContext {
  if (opts.secretKeyHex) setAuditKey(deriveAuditKey(opts.secretKeyHex));
  return {
    db: opts.database.db,
    readDb: opts.database.db,
    reads:
      opts.reads ??
      createReadRouter({
        primary: opts.database.db,
        replica: opts.database.replica,
        maxLagSeconds: opts.config.replicaMaxLagSeconds,
        onChange: (s) =>
          opts.log.warn(
            { replicaHealthy: s.healthy, lagSeconds: s.lagSeconds, code: s.error },
            s.healthy ? 'read replica in use' : 'read replica skipped: reports read the primary',
          ),
      }),
    dbKind: opts.database.kind,
    config: opts.config,
    clock: opts.clock ?? clockFromConfig(opts.config),
    cipher: opts.cipher ?? createFieldCipher(opts.secretKeyHex),
    calendar: createCalendarStore(opts.database.db),
    log: opts.log,
    backupKeys: deriveBackupKeys(opts.secretKeyHex),
    files: opts.files ?? fileStoreFromConfig(opts.config),
  };
}
