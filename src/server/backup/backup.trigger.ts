import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import type { AppContext } from '../context.js';
import { runBackup } from './backup.service.js';
import type { RunResult } from './backup.runs.js';

/**
 * How `npm run backup` reaches a running server on the embedded database. Only one process may open
 * a PGlite data directory, so the backup of a live one must be made BY the server: it listens on a
 * local socket (Linux: an abstract Unix socket named after the data directory, never on the network;
 * elsewhere `backup.sock` in it), sends a random challenge, and starts a backup only for a client
 * that answers with HMAC(trigger key, challenge) — a key derived from the master secret, which the
 * operator's shell has (same environment as the server) and nobody else on the machine does.
 */
function socketPath(dataDir: string): string {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  if (process.platform !== 'linux') return join(dir, 'backup.sock');
  return `\0xianfeng-backup-${createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 36)}`;
}

const macOf = (key: Buffer, nonce: string) => createHmac('sha256', key).update(nonce).digest('hex');

export interface TriggerReply {
  ok: boolean;
  error?: string;
  runId?: number;
  result?: RunResult;
}

function lines(socket: Socket, onLine: (line: string) => void): void {
  let buf = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buf += chunk;
    if (buf.length > 1_000_000) socket.destroy();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      onLine(line);
    }
  });
}

export async function startBackupTrigger(ctx: AppContext, dataDir: string): Promise<{ close(): Promise<void> }> {
  const path = socketPath(dataDir);
  if (!path.startsWith('\0')) rmSync(path, { force: true });
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    const nonce = randomBytes(32).toString('hex');
    socket.write(`${JSON.stringify({ nonce })}\n`);
    let answered = false;
    lines(socket, (line) => {
      if (answered) return;
      answered = true;
      let msg: { mac?: unknown; operator?: unknown };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        msg = {};
      }
      const want = Buffer.from(macOf(ctx.backupKeys.trigger, nonce), 'hex');
      const got = Buffer.from(typeof msg.mac === 'string' ? msg.mac : '', 'hex');
      if (got.length !== want.length || !timingSafeEqual(got, want)) {
        ctx.log.warn('backup trigger: refused a client without the key');
        socket.end(`${JSON.stringify({ ok: false, error: 'key refused / 密钥不符' })}\n`);
        return;
      }
      const operator = typeof msg.operator === 'string' ? msg.operator.slice(0, 80) : '?';
      const who = { userId: null, name: `server:backup (${operator})`, scopePath: '/', ip: null, requestId: null };
      runBackup(ctx, who, 'cli')
        .then((out) => socket.end(`${JSON.stringify({ ok: true, runId: out?.runId, result: out?.result })}\n`))
        .catch((err: unknown) => socket.end(`${JSON.stringify({ ok: false, error: (err as Error).message })}\n`));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(path, () => done());
  });
  server.unref();
  return {
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
      }),
  };
}

/** Asks the server holding `dataDir` to make a backup; undefined when no server listens. */
export function requestBackup(
  dataDir: string,
  triggerKey: Buffer,
  operator: string,
): Promise<TriggerReply | undefined> {
  const path = socketPath(dataDir);
  return new Promise((done, fail) => {
    const socket = createConnection(path);
    let first = true;
    socket.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNREFUSED' || e.code === 'ENOENT' ? done(undefined) : fail(e),
    );
    lines(socket, (line) => {
      const msg = JSON.parse(line) as { nonce?: string } & TriggerReply;
      if (first) {
        first = false;
        socket.write(`${JSON.stringify({ mac: macOf(triggerKey, String(msg.nonce)), operator })}\n`);
      } else done(msg);
    });
    socket.on('close', () => done({ ok: false, error: 'the server closed the connection / 服务器断开了连接' }));
  });
}
