import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, statSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * PGlite does not lock its data directory, and two processes writing to one silently lose data.
 *
 * On Linux the lock is a Unix socket bound in the abstract namespace under a name derived from the
 * directory's real path: the kernel refuses a second bind and frees the name the instant the holder
 * dies, even by kill -9, so a restart never trusts a PID that may have been reused (a container whose
 * server is always PID 1). `xianfeng.lock` beside the data is then only a note (pid, host, start time)
 * for the message a refused process prints. Elsewhere the file itself is the lock (O_EXCL, and a
 * holder that no longer runs on this host is taken over).
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
    lockFile?: string,
  ) {
    super(
      `数据目录 ${dataDir} 已被另一个 Xianfeng 进程（PID ${holder.pid}，${holder.startedAt} 启动）占用。` +
        `同一数据目录只能由一个进程打开：请先停止该进程，或设置 XIANFENG_DATA_DIR 使用其他目录，或用 DATABASE_URL 连接 PostgreSQL。\n` +
        `The data directory ${dataDir} is in use by another Xianfeng process (PID ${holder.pid}, started ${holder.startedAt}). ` +
        `Only one process may open it: stop that process, choose another XIANFENG_DATA_DIR, or use DATABASE_URL.` +
        (lockFile
          ? `\n锁文件由另一台主机 ${holder.host} 写入；若该主机上的进程确已停止，请删除 ${lockFile} 后重启。` +
            `\nThe lock was written by another host (${holder.host}); if nothing runs there any more, delete ${lockFile} and start again.`
          : ''),
    );
  }
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  purpose: string;
}

export interface DataDirLock {
  path: string;
  release(): void;
}

const UNKNOWN: LockInfo = { pid: -1, host: '?', startedAt: '?', purpose: '?' };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** The abstract-namespace socket name for a directory (Linux); 107 bytes is the limit, this is 53. */
export function lockSocketName(dir: string): string {
  return `\0xianfeng-data-${createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 36)}`;
}

function bindAbstract(name: string): Promise<Server | undefined> {
  return new Promise((done, fail) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? done(undefined) : fail(e)));
    server.listen(name, () => {
      server.unref();
      done(server);
    });
  });
}

function writeLockFile(path: string, info: LockInfo, exclusive: boolean): void {
  const fd = openSync(path, exclusive ? 'wx' : 'w', 0o600);
  writeSync(fd, JSON.stringify(info));
  closeSync(fd);
}

function releaser(path: string, server?: Server): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
    server?.close();
  };
  process.once('exit', release);
  return release;
}

/** Takes the data directory's lock or throws DataDirLockedError naming the holder. */
export async function acquireDataDirLock(dataDir: string, purpose: string): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'xianfeng.lock');
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), purpose };
  if (process.platform === 'linux') {
    const server = await bindAbstract(lockSocketName(dir));
    if (!server) throw new DataDirLockedError(dir, readLock(path) ?? UNKNOWN);
    // The kernel says nobody on this host holds the directory: any pid in an old file is stale.
    const old = readLock(path);
    if (old && old.host !== info.host) {
      // Another machine (or container) sharing the volume: its socket is out of our sight; refuse.
      server.close();
      throw new DataDirLockedError(dir, old, path);
    }
    writeLockFile(path, info, false);
    return { path, release: releaser(path, server) };
  }
  return acquireByPidFile(dir, path, info);
}

function acquireByPidFile(dir: string, path: string, info: LockInfo): DataDirLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeLockFile(path, info, true);
      return { path, release: releaser(path) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(path);
      if (!holder) {
        // Unreadable: either being written this instant by another starter, or garbage left long ago.
        const ageMs = Date.now() - statSync(path).mtimeMs;
        if (ageMs < 10_000) throw new DataDirLockedError(dir, { ...UNKNOWN, startedAt: 'just now' });
      } else if (holder.host !== info.host || isAlive(holder.pid)) {
        throw new DataDirLockedError(dir, holder);
      }
      // The holder is dead (same host) or the file is old garbage: take the lock over.
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(dir, readLock(path) ?? UNKNOWN);
}
