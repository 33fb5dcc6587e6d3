import { z } from 'zod';
import { parseAllowList } from './net/address-policy.js';

/**
 * Every environment variable Xianfeng reads, in one schema. README's configuration table lists the
 * same variables; `parseConfig` reports every problem at once so an operator fixes them in one go.
 */
const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const tryParse = (v: string) => {
  try {
    parseAllowList(v);
    return true;
  } catch {
    return false;
  }
};

const positiveInt = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be greater than 0`);

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int()
    .min(0)
    .max(65535, 'must be at most 65535')
    .default(3000),
  HOST: z.string().min(1).optional(),
  XIANFENG_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  XIANFENG_REPLICA_MAX_LAG_SECONDS: positiveInt('XIANFENG_REPLICA_MAX_LAG_SECONDS').default(30),
  XIANFENG_DEMO: boolFromEnv.optional(),
  XIANFENG_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes), e.g. from `openssl rand -hex 32`')
    .optional(),
  XIANFENG_SESSION_IDLE_MINUTES: positiveInt('XIANFENG_SESSION_IDLE_MINUTES').default(30),
  XIANFENG_SESSION_MAX_HOURS: positiveInt('XIANFENG_SESSION_MAX_HOURS').default(12),
  XIANFENG_LOGIN_MAX_FAILURES: positiveInt('XIANFENG_LOGIN_MAX_FAILURES').default(5),
  XIANFENG_LOCKOUT_MINUTES: positiveInt('XIANFENG_LOCKOUT_MINUTES').default(15),
  XIANFENG_COOKIE_SECURE: boolFromEnv.optional(),
  XIANFENG_TRUST_PROXY: boolFromEnv.default(false),
  XIANFENG_WEB_DIR: z.string().min(1).default('./dist/web'),
  XIANFENG_REGION_NAME: z.string().min(1).default('本区域'),
  XIANFENG_AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  XIANFENG_WEBHOOK_ALLOW: z
    .string()
    .refine((v) => tryParse(v), 'must be host names, IP addresses or CIDR ranges separated by commas')
    .optional(),
  XIANFENG_JOBS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  XIANFENG_TASKS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  XIANFENG_BACKUP_DIR: z.string().min(1).optional(),
  XIANFENG_FILES_DIR: z.string().min(1).optional(),
  XIANFENG_BACKUP_HOUR: z.coerce
    .number({ error: 'must be an hour 0–23 (China time)' })
    .int('must be an hour 0–23 (China time)')
    .min(0, 'must be an hour 0–23 (China time)')
    .max(23, 'must be an hour 0–23 (China time)')
    .default(2),
  XIANFENG_BACKUP_KEEP_DAILY: positiveInt('XIANFENG_BACKUP_KEEP_DAILY').default(14),
  XIANFENG_BACKUP_KEEP_WEEKLY: positiveInt('XIANFENG_BACKUP_KEEP_WEEKLY').default(8),
  XIANFENG_BACKUP_KEEP_MONTHLY: positiveInt('XIANFENG_BACKUP_KEEP_MONTHLY').default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  XIANFENG_CLOCK_START: z.iso
    .datetime({ offset: true, error: 'must be an ISO date-time with a zone, e.g. 2026-11-23T02:00:00Z' })
    .optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  /** HOST, or 127.0.0.1 in demo mode (published demo password), else 0.0.0.0. */
  host: string;
  /** Whether HOST was set (demo mode then listens where the operator said, with a warning). */
  hostFromEnv: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * A streaming-replication standby of DATABASE_URL: report reads (statistics, coverage, the board, the
   * home counts) go there; a session that just wrote reads the primary (db/replica.ts).
   */
  databaseReplicaUrl: string | undefined;
  /** Past this replay lag (or unreachable) the replica is skipped and every read goes to the primary. */
  replicaMaxLagSeconds: number;
  demo: boolean;
  secretKeyHex: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  lockoutMinutes: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  webDir: string;
  regionName: string;
  logLevel: string;
  /** Where audit-chain checkpoints are appended (default <dataDir>/audit-anchors.log). */
  auditAnchorFile: string | undefined;
  /** Tests only (NODE_ENV=test): the instant the server's clock starts at; it then runs in real time. */
  clockStart: Date | undefined;
  /** XIANFENG_JOBS=off: this process runs no background job (another server on the same database does). */
  jobs: boolean;
  /** XIANFENG_TASKS=off: this process runs no queued task (imports, exports); another server does. */
  tasks: boolean;
  /** Where backups are written (default `<parent of the data dir>/backups`; never inside the data dir). */
  backupDir: string | undefined;
  /** Uploaded files (problem photos), see files/storage.ts (default: the data dir; shared by every server). */
  filesDir: string | undefined;
  /** The nightly backup's hour, China time (0–23). */
  backupHour: number;
  /** Retention: daily backups for N days, weekly for N weeks, monthly for N months. */
  backupKeep: { daily: number; weekly: number; monthly: number };
  /** Webhook targets opened despite being internal: host names, IPs, CIDR ranges (see net/address-policy). */
  webhookAllow: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment; throws ConfigError listing every problem found. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(input);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      problems.push(`${key}=${JSON.stringify(input[key] ?? '')}: ${issue.message}`);
    }
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.XIANFENG_SECRET_KEY) {
    problems.push('XIANFENG_SECRET_KEY: required when NODE_ENV=production (encrypts ID numbers and phones at rest)');
  }
  if (production && e.XIANFENG_DEMO === true) {
    problems.push('XIANFENG_DEMO: demo data cannot be loaded when NODE_ENV=production');
  }
  if (e.XIANFENG_CLOCK_START && e.NODE_ENV !== 'test') {
    problems.push(
      `XIANFENG_CLOCK_START: a fixed clock is only for tests; set NODE_ENV=test or remove it (NODE_ENV=${e.NODE_ENV}) / 固定时钟仅用于测试`,
    );
  }
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL) {
    problems.push(
      'DATABASE_REPLICA_URL: a replica needs DATABASE_URL (the primary); PGlite has no replica / 只读副本需同时设置 DATABASE_URL',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? ((e.XIANFENG_DEMO ?? !production) ? '127.0.0.1' : '0.0.0.0'),
    hostFromEnv: e.HOST !== undefined,
    dataDir: e.XIANFENG_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    replicaMaxLagSeconds: e.XIANFENG_REPLICA_MAX_LAG_SECONDS,
    demo: e.XIANFENG_DEMO ?? !production,
    secretKeyHex: e.XIANFENG_SECRET_KEY,
    sessionIdleMinutes: e.XIANFENG_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.XIANFENG_SESSION_MAX_HOURS,
    loginMaxFailures: e.XIANFENG_LOGIN_MAX_FAILURES,
    lockoutMinutes: e.XIANFENG_LOCKOUT_MINUTES,
    cookieSecure: e.XIANFENG_COOKIE_SECURE ?? production,
    trustProxy: e.XIANFENG_TRUST_PROXY,
    webDir: e.XIANFENG_WEB_DIR,
    regionName: e.XIANFENG_REGION_NAME,
    logLevel: e.LOG_LEVEL,
    auditAnchorFile: e.XIANFENG_AUDIT_ANCHOR_FILE,
    clockStart: e.XIANFENG_CLOCK_START ? new Date(e.XIANFENG_CLOCK_START) : undefined,
    webhookAllow: e.XIANFENG_WEBHOOK_ALLOW ?? '',
    jobs: e.XIANFENG_JOBS === 'on',
    tasks: e.XIANFENG_TASKS === 'on',
    backupDir: e.XIANFENG_BACKUP_DIR,
    filesDir: e.XIANFENG_FILES_DIR,
    backupHour: e.XIANFENG_BACKUP_HOUR,
    backupKeep: {
      daily: e.XIANFENG_BACKUP_KEEP_DAILY,
      weekly: e.XIANFENG_BACKUP_KEEP_WEEKLY,
      monthly: e.XIANFENG_BACKUP_KEEP_MONTHLY,
    },
  };
}

/** The documented variables, for README's table and `--help`. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);
