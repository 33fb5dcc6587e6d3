import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT } from './process-helpers.js';
import { demoListenNotice } from '../src/server/demo-listen.js';

/** `npm start` in demo mode (published demo password) listens on 127.0.0.1 unless HOST is set, and says so. */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** This machine's first non-loopback IPv4 address, if it has one. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

const reachable = (host: string, port: number) =>
  fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
    (r) => r.status === 200,
    () => false,
  );

describe('demo mode listens on this machine only', () => {
  it('without HOST: 127.0.0.1 only, announced in Chinese and English', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xf-demo-'));
    dirs.push(dir);
    const port = await freePort();
    // Like `npm start` on a new machine: no HOST, no NODE_ENV, demo data on.
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        LOG_LEVEL: 'warn',
        XIANFENG_WEB_DIR: '/nonexistent',
        XIANFENG_DATA_DIR: dir,
        PORT: String(port),
      },
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((r) => proc.on('exit', r));
    try {
      const started = Date.now();
      // the notice follows the start line: wait for both (a loaded machine prints them apart)
      while (
        !(out.includes('已启动') && out.includes('Demo mode')) &&
        proc.exitCode === null &&
        Date.now() - started < 110_000
      )
        await new Promise((r) => setTimeout(r, 200));
      expect(out).toContain(
        '演示模式：仅在本机 127.0.0.1 监听（演示账号密码是公开的）；如需让其他电脑访问，请设置 HOST',
      );
      expect(out).toContain('Demo mode: listening on 127.0.0.1 only (the demo password is public)');
      expect(out).toContain(`started: http://127.0.0.1:${port}`);
      expect(await reachable('127.0.0.1', port)).toBe(true);
      if (outside) expect(await reachable(outside, port)).toBe(false);
    } finally {
      proc.kill('SIGTERM');
      await exited;
    }
  }, 120_000);

  it('with HOST set, demo mode listens there and warns that the demo password is public', () => {
    expect(demoListenNotice({ demo: true, host: '0.0.0.0', hostFromEnv: true })).toEqual([
      '注意：演示模式按 HOST 设置在 0.0.0.0 上监听，演示账号密码是公开的，请勿在不受信任的网络中使用。',
      'Warning: demo mode is listening on 0.0.0.0 as HOST says; the demo password is public, keep it off untrusted networks.',
    ]);
    expect(demoListenNotice({ demo: false, host: '0.0.0.0', hostFromEnv: false })).toEqual([]);
  });
});
