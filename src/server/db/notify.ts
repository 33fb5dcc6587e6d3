import pg from 'pg';
import type { Database } from './client.js';

export interface NotificationHandlers {
  /** A NOTIFY on the channel, delivered after its transaction committed. */
  message(payload: string): void;
  /** LISTEN is in place: from now on every commit is told. */
  up(): void;
  /** The listening connection is gone: notifications may be missed until the next up(). */
  down(err?: Error): void;
}

export interface Listener {
  /** PostgreSQL: the backend pid of the listening connection (tests terminate it); undefined when down. */
  pid(): number | undefined;
  close(): Promise<void>;
}

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

/**
 * LISTEN on `channel` (a plain lower-case identifier). PGlite: its own listen, in process, never
 * down (callbacks run before the committing query resolves). PostgreSQL: one dedicated connection
 * outside the pool; when it breaks, down() is called at once and it reconnects with a doubling
 * backoff (0.1 s … 5 s) until LISTEN succeeds again, then up(). Resolves once the first attempt ended,
 * whether LISTEN succeeded or not.
 */
export async function listenForNotifications(
  database: Database,
  channel: string,
  h: NotificationHandlers,
): Promise<Listener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel ${channel}`);
  if (database.pglite) {
    const unlisten = await database.pglite.listen(channel, (payload) => h.message(payload));
    h.up();
    return {
      pid: () => undefined,
      close: async () => {
        h.down();
        await unlisten().catch(() => undefined);
      },
    };
  }
  const url = database.url;
  if (!url) throw new Error('listenForNotifications: neither PGlite nor a PostgreSQL url');
  let closed = false;
  let client: pg.Client | undefined;
  let backendPid: number | undefined;
  let backoff = MIN_BACKOFF_MS;
  let timer: NodeJS.Timeout | undefined;

  const lost = (c: pg.Client, err?: Error) => {
    if (client !== c) return; // this connection was already given up
    client = undefined;
    backendPid = undefined;
    h.down(err);
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    schedule();
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, backoff);
    timer.unref();
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };
  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true });
    client = c;
    // An error on a client without a listener would kill the process.
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) h.message(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      const { rows } = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      if (closed || client !== c) return;
      backendPid = rows[0]?.pid;
      backoff = MIN_BACKOFF_MS;
      h.up();
    } catch (err) {
      lost(c, err as Error);
    }
  };
  await connect();
  return {
    pid: () => backendPid,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      backendPid = undefined;
      h.down();
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      }
    },
  };
}
