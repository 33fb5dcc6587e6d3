import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireDataDirLock, DataDirLockedError } from './lock.js';

/** The data-directory lock across real processes: refused while held, free the instant the holder dies. */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'xf-lock-'));
  dirs.push(d);
  return d;
};

async function holder(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/hold-lock.ts', dir], { cwd: ROOT });
  children.push(child);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('locked')) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${out}`)));
  });
  return child;
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe.runIf(process.platform === 'linux')('PGlite data-directory lock (kernel-held socket)', () => {
  it('a second process on the same directory is refused with a message naming the holder', async () => {
    const dir = tempDir();
    const child = await holder(dir);
    const err = await acquireDataDirLock(dir, 'test').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain(`PID ${child.pid}`);
    expect((err as Error).message).toContain('已被另一个 Xianfeng 进程');
    // Another directory is not affected.
    const other = await acquireDataDirLock(tempDir(), 'test');
    other.release();
    await killHard(child);
  });

  it('after kill -9 a restart succeeds even though the lock file names a live PID (reused: this process, PID 1)', async () => {
    const dir = tempDir();
    const lockFile = join(dir, 'xianfeng.lock');
    for (const livePid of [process.pid, 1]) {
      const child = await holder(dir);
      await killHard(child);
      // kill -9 left the file behind; pretend its PID now belongs to a live process.
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: child.pid, host: hostname() });
      writeFileSync(lockFile, JSON.stringify({ pid: livePid, host: hostname(), startedAt: 'x', purpose: 'server' }));
      const lock = await acquireDataDirLock(dir, 'restart');
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, purpose: 'restart' });
      // While held here, a second holder process fails to start.
      const second = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/hold-lock.ts', dir], { cwd: ROOT });
      children.push(second);
      let errOut = '';
      second.stderr.on('data', (d: Buffer) => (errOut += d.toString()));
      expect(await new Promise((r) => second.on('exit', r))).not.toBe(0);
      expect(errOut).toContain(`PID ${process.pid}`);
      lock.release();
      expect(existsSync(lockFile)).toBe(false);
    }
  });

  it('a lock file written by another host (a shared volume) is refused with how to clear it', async () => {
    const dir = tempDir();
    const lockFile = join(dir, 'xianfeng.lock');
    writeFileSync(lockFile, JSON.stringify({ pid: 7, host: 'other-host', startedAt: 'x', purpose: 'server' }));
    const err = await acquireDataDirLock(dir, 'test').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain(
      `锁文件由另一台主机 other-host 写入；若该主机上的进程确已停止，请删除 ${lockFile}`,
    );
    // The refused attempt gave the kernel lock back: once the file is cleared, the directory opens.
    rmSync(lockFile);
    const lock = await acquireDataDirLock(dir, 'test');
    lock.release();
  });
});
