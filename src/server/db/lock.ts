import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * PGlite does not lock its data directory, and two processes writing to one silently lose data.
 * This lock file (created with O_EXCL) makes the second process fail with a clear message instead.
 * A lock left by a process that no longer runs on this host is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `数据目录 ${dataDir} 已被另一个 Xianfeng 进程（PID ${holder.pid}，${holder.startedAt} 启动）占用。` +
        `同一数据目录只能由一个进程打开：请先停止该进程，或设置 XIANFENG_DATA_DIR 使用其他目录，或用 DATABASE_URL 连接 PostgreSQL。\n` +
        `The data directory ${dataDir} is in use by another Xianfeng process (PID ${holder.pid}, started ${holder.startedAt}). ` +
        `Only one process may open it: stop that process, choose another XIANFENG_DATA_DIR, or use DATABASE_URL.`,
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

export function acquireDataDirLock(dataDir: string, purpose: string): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'xianfeng.lock');
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readLock(path);
        if (current?.pid === process.pid) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return { path, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(path);
      if (!holder) {
        // Unreadable: either being written this instant by another starter, or garbage left long ago.
        const ageMs = Date.now() - statSync(path).mtimeMs;
        if (ageMs < 10_000)
          throw new DataDirLockedError(dir, { pid: -1, host: '?', startedAt: 'just now', purpose: '?' });
      } else if (holder.host !== info.host || isAlive(holder.pid)) {
        throw new DataDirLockedError(dir, holder);
      }
      // The holder is dead (same host) or the file is old garbage: take the lock over.
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(dir, readLock(path) ?? { pid: -1, host: '?', startedAt: '?', purpose: '?' });
}
