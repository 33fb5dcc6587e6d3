import pg from 'pg';

/**
 * Telling "the database is away" (restarting, unreachable, our backend terminated) apart from a
 * failing query: the first is answered 503 and heals by itself, the second is a bug (500).
 */
const NET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections; class 08 is "connection exception". */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)/i;

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (NET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** A short, log-safe name for the error (a code, never a query or its parameters). */
export function connectionErrorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : 'CONNECTION_LOST';
}

export type ConnectionErrorListener = (err: Error) => void;

/**
 * A pg Pool that outlives its server: an 'error' listener on the pool (idle clients) and on every
 * client it opens (a checked-out client whose backend is terminated emits 'error' too; without a
 * listener Node kills the process). A broken client is not queryable and pg-pool discards it on
 * release, so once the server is back new connections simply succeed; nothing else is cached.
 */
export function createResilientPool(
  url: string,
  max: number,
): { pool: pg.Pool; onConnectionError(l: ConnectionErrorListener): void } {
  const listeners: ConnectionErrorListener[] = [];
  const seen = new WeakSet<Error>();
  const report = (err: Error) => {
    // An idle client's error reaches both its own listener and the pool's: report it once.
    if (seen.has(err)) return;
    seen.add(err);
    for (const l of listeners) l(err);
  };
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // JIT off: short OLTP queries over many rows (the project list at 100,000 projects) spent seconds
    // compiling and milliseconds running; PostgreSQL's own advice for such workloads.
    options: '-c jit=off',
    // A blackholed server must not hang requests forever: give up connecting after 5 s (→ 503).
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  });
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  return { pool, onConnectionError: (l) => void listeners.push(l) };
}
