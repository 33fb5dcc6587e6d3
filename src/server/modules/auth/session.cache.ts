import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/client.js';
import { listenForNotifications, type Listener } from '../../db/notify.js';
import { findSessionUser, type SessionUserRow } from './session.repository.js';

/** The channel the triggers of migration 0008 notify on commit. */
export const AUTH_CHANNEL = 'xf_auth';
/** Second line of defence: an entry is read again at least this often, whatever was (not) notified. */
const TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;

interface Entry {
  row: SessionUserRow;
  storedAt: number;
}

export interface SessionCache {
  /** The session row: from memory while the listener is up and the entry fresh, else from the database. */
  find(db: Executor, sessionId: string): Promise<SessionUserRow | undefined>;
  /** Always from the database (an idle-expiry decision is never taken on a remembered row). */
  reload(db: Executor, sessionId: string): Promise<SessionUserRow | undefined>;
  /** This server wrote last_seen_at. */
  touched(sessionId: string, at: Date): void;
  /** Forget one session / everything; in-flight reads that started before are not stored. */
  forget(sessionId: string): void;
  flush(): void;
  /** Whether remembered rows are used now (false while the listener is down). */
  isLive(): boolean;
  /** PostgreSQL: the listening backend's pid (for tests). */
  listenerPid(): number | undefined;
  close(): Promise<void>;
}

/**
 * 会话缓存: the session, its account, scope unit and roles kept in memory per server (decision 022).
 * Correct on every server because it is used only while LISTEN on AUTH_CHANNEL is up: the triggers of
 * migration 0008 notify on commit of any change to a copied column, whoever wrote it (another server,
 * the CLI, a job); when the listening connection is lost the cache is emptied and bypassed until
 * LISTEN is back. On the same server, the authentication hook also empties it after every
 * state-changing request (before the response leaves), so a logout, a disabled account or a changed
 * role counts on the next request without waiting for the notification. An epoch counter keeps a
 * read that raced an invalidation from storing what it read.
 */
export async function createSessionCache(
  database: Database,
  opts: { enabled?: boolean; log?: FastifyBaseLogger } = {},
): Promise<SessionCache> {
  const entries = new Map<string, Entry>();
  let epoch = 0;
  let live = false;
  const flush = () => {
    epoch++;
    entries.clear();
  };
  const forget = (sessionId: string) => {
    epoch++;
    entries.delete(sessionId);
  };
  const forgetUser = (userId: number) => {
    epoch++;
    for (const [k, e] of entries) if (e.row.userId === userId) entries.delete(k);
  };
  const onMessage = (payload: string) => {
    if (payload.startsWith('s:')) forget(payload.slice(2));
    else if (payload.startsWith('u:')) forgetUser(Number(payload.slice(2)));
    else flush();
  };
  let listener: Listener | undefined;
  if (opts.enabled !== false) {
    listener = await listenForNotifications(database, AUTH_CHANNEL, {
      message: onMessage,
      up: () => {
        // Whatever changed while nobody listened is unknown: start empty.
        flush();
        live = true;
        opts.log?.info({ channel: AUTH_CHANNEL }, 'session cache on');
      },
      down: (err) => {
        if (live)
          opts.log?.warn({ channel: AUTH_CHANNEL, code: err ? 'LISTENER_LOST' : 'CLOSED' }, 'session cache off');
        live = false;
        flush();
      },
    });
  }

  const reload = async (db: Executor, sessionId: string) => {
    const before = epoch;
    const row = await findSessionUser(db, sessionId);
    if (!live || epoch !== before) return row;
    if (!row) {
      entries.delete(sessionId);
      return row;
    }
    if (entries.size >= MAX_ENTRIES && !entries.has(sessionId)) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(sessionId, { row, storedAt: performance.now() });
    return row;
  };

  return {
    async find(db, sessionId) {
      if (live) {
        const e = entries.get(sessionId);
        if (e && performance.now() - e.storedAt < TTL_MS) return e.row;
      }
      return reload(db, sessionId);
    },
    reload,
    touched(sessionId, at) {
      const e = entries.get(sessionId);
      if (e && at > e.row.lastSeenAt) e.row = { ...e.row, lastSeenAt: at };
    },
    forget,
    flush,
    isLive: () => live,
    listenerPid: () => listener?.pid(),
    close: async () => {
      live = false;
      flush();
      await listener?.close();
    },
  };
}
