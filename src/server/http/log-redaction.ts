/**
 * What an error looks like in the log: its class, its code (AppError code, Node/Fastify code, or the
 * database's SQLSTATE), the constraint it hit and the stack frames — never the message of a database
 * error (PostgreSQL quotes the offending value: `invalid input syntax for type integer: "1101…"`), never
 * the SQL parameters drizzle puts into its message and `params`, never a `detail`, body or username.
 * The request id comes from the request's child logger (reqId).
 */
export interface LoggedError {
  [key: string]: unknown;
  type: string;
  code?: string;
  sqlState?: string;
  constraint?: string;
  message: string;
  stack: string;
  cause?: LoggedError;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const MAX_DEPTH = 3;

type ErrorLike = Error & {
  code?: unknown;
  severity?: unknown;
  constraint?: unknown;
  query?: unknown;
  params?: unknown;
  cause?: unknown;
};

function isDatabaseError(e: ErrorLike): boolean {
  return (
    e.constructor?.name === 'DrizzleQueryError' ||
    e.message.startsWith('Failed query:') ||
    'params' in e ||
    typeof e.severity === 'string' ||
    (typeof e.code === 'string' && SQLSTATE.test(e.code))
  );
}

/** Numbers long enough to be an ID number, a phone or an account are cut out of free text. */
export function redactText(text: string): string {
  return text.replace(/\d[\dXx*]{5,}/g, '[已隐去]').slice(0, 300);
}

function framesOnly(stack: string | undefined): string {
  if (!stack) return '';
  return stack
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 12)
    .join('\n');
}

/** The pino `err` serializer of the server (see loggerOptions in app.ts). */
export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: '', stack: '' };
  const e = err as ErrorLike;
  const db = isDatabaseError(e);
  const out: LoggedError = {
    type: e.constructor?.name || e.name || 'Error',
    // A database error's message can quote the value that failed; only its SQLSTATE is kept.
    message: db ? '数据库错误（详情不记入日志）/ database error (message withheld)' : redactText(e.message),
    stack: framesOnly(e.stack),
  };
  if (typeof e.code === 'string') {
    if (SQLSTATE.test(e.code) && db) out.sqlState = e.code;
    else out.code = e.code;
  }
  if (db && typeof e.constraint === 'string') out.constraint = e.constraint;
  if (e.cause !== undefined && depth < MAX_DEPTH) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** Belt and braces for anything logged under these keys by a plugin or a later change. */
export const LOG_REDACT_PATHS = [
  'body',
  'params',
  'query',
  'username',
  'password',
  'req.body',
  'req.query',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  '*.password',
  '*.username',
];
