import { sql } from 'drizzle-orm';
import { queryRows, type Db, type ReplicaDatabase } from './client.js';

/**
 * Which database a report read goes to (decision 028-replica). Report services read `ctx.readDb`; the
 * route hands them a context whose `readDb` is the replica only when all of these hold:
 * - a replica is configured (DATABASE_REPLICA_URL; PGlite never has one: readDb = db);
 * - its last check answered and its replay lag was at most XIANFENG_REPLICA_MAX_LAG_SECONDS;
 * - the session has not written within the read-your-writes window (5 s + the replica's current lag):
 *   a user's own writes are read from the primary.
 * Everything else (every non-report read, every write, jobs) uses `ctx.db`, the primary.
 */
export const READ_YOUR_WRITES_FLOOR_MS = 5_000;

export interface ReplicaStatus {
  configured: boolean;
  healthy: boolean;
  /** Seconds the replica's replay is behind, at the last check (null: never answered). */
  lagSeconds: number | null;
  checkedAt: Date | null;
  /** A log-safe code of the last failure. */
  error?: string;
}

export interface ReadRouter {
  readonly configured: boolean;
  /** True when a session whose last write was at `lastWriteAtMs` (undefined: none) reads the replica now. */
  readsReplica(lastWriteAtMs: number | undefined, nowMs: number): boolean;
  /** The handle a report read uses (see readsReplica). */
  pick(lastWriteAtMs: number | undefined, nowMs: number): Db;
  /** How long after a write a session keeps reading the primary (for the cookie's lifetime). */
  readonly maxWindowMs: number;
  status(): ReplicaStatus;
  /** Measures the lag now (the poller calls it every `pollMs`). */
  refresh(): Promise<ReplicaStatus>;
  start(): void;
  stop(): void;
}

/**
 * Replay lag in seconds as the standby sees it: 0 when everything received is replayed and the WAL
 * receiver is streaming, else the age of the last replayed transaction. A database that is not in
 * recovery (not a standby) is treated as current.
 */
export async function measureReplayLag(db: Db): Promise<number> {
  const rows = await queryRows<{ lag: number | string | null }>(
    db,
    sql`select case
      when not pg_is_in_recovery() then 0
      when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
        and exists (select 1 from pg_stat_wal_receiver where status = 'streaming') then 0
      else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0)
    end::float8 as lag`,
  );
  return Number(rows[0]?.lag ?? 0);
}

export function createReadRouter(opts: {
  primary: Db;
  replica?: ReplicaDatabase | undefined;
  maxLagSeconds: number;
  measureLag?: (db: Db) => Promise<number>;
  pollMs?: number;
  onChange?: (s: ReplicaStatus) => void;
}): ReadRouter {
  const { primary, replica, maxLagSeconds } = opts;
  const measure = opts.measureLag ?? measureReplayLag;
  const pollMs = opts.pollMs ?? 2_000;
  let state: ReplicaStatus = { configured: !!replica, healthy: false, lagSeconds: null, checkedAt: null };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ReplicaStatus> | undefined;

  const set = (next: ReplicaStatus) => {
    const changed = next.healthy !== state.healthy;
    state = next;
    if (changed) opts.onChange?.(next);
  };
  // A lost replica connection: skip the replica at once; the next check decides when it is back.
  replica?.onConnectionError?.((err) => {
    const code = (err as { code?: unknown }).code;
    set({ ...state, healthy: false, error: typeof code === 'string' ? code : 'CONNECTION_LOST' });
  });

  const windowMs = () => READ_YOUR_WRITES_FLOOR_MS + Math.round((state.lagSeconds ?? 0) * 1000);
  const readsReplica = (lastWriteAtMs: number | undefined, nowMs: number) => {
    if (!replica || !state.healthy) return false;
    if (lastWriteAtMs === undefined) return true;
    const since = nowMs - lastWriteAtMs;
    // A time in the future (another server's clock ahead, or a doctored cookie) counts as "just wrote".
    return since >= windowMs();
  };

  const check = async (): Promise<ReplicaStatus> => {
    if (!replica) return state;
    try {
      const lag = await measure(replica.db);
      set({ configured: true, healthy: lag <= maxLagSeconds, lagSeconds: lag, checkedAt: new Date() });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      set({
        configured: true,
        healthy: false,
        lagSeconds: null,
        checkedAt: new Date(),
        error: typeof code === 'string' ? code : 'CHECK_FAILED',
      });
    }
    return state;
  };

  return {
    configured: !!replica,
    readsReplica,
    pick: (lastWriteAtMs, nowMs) => (replica && readsReplica(lastWriteAtMs, nowMs) ? replica.db : primary),
    maxWindowMs: READ_YOUR_WRITES_FLOOR_MS + maxLagSeconds * 1000,
    status: () => state,
    refresh: () => (running ??= check().finally(() => (running = undefined))),
    start() {
      if (!replica || timer) return;
      void this.refresh();
      timer = setInterval(() => void this.refresh(), pollMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
