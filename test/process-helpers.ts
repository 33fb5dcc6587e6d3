import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const BASE_ENV = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  LOG_LEVEL: 'warn',
  XIANFENG_WEB_DIR: '/nonexistent',
};

/** The instant test servers and tools start their clock at (FakeClock's default, the demo data's "now"). */
export const TEST_CLOCK_START = '2026-11-23T02:00:00Z';

/**
 * Child processes run on the tests' fixed clock (NODE_ENV=test + XIANFENG_CLOCK_START), unless a test
 * picks another NODE_ENV on purpose — the server refuses a fixed clock outside NODE_ENV=test.
 */
export function withTestClock(env: Record<string, string>): Record<string, string> {
  if (env.NODE_ENV && env.NODE_ENV !== 'test') return env;
  return { NODE_ENV: 'test', XIANFENG_CLOCK_START: TEST_CLOCK_START, ...env };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point (a CLI) to completion. */
export function runTs(script: string, env: Record<string, string>, args: string[] = []): Promise<RunResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...BASE_ENV, ...withTestClock(env) },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServerProcess {
  port: number;
  proc: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  url(path: string): string;
}

/** Starts the real server (src/server/main.ts) and waits until /healthz answers or the process exits. */
export async function startServer(env: Record<string, string>, timeoutMs = 180_000): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...BASE_ENV, PORT: String(port), HOST: '127.0.0.1', ...withTestClock(env) },
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  const started = Date.now();
  while (!done && Date.now() - started < timeoutMs) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, proc, output: () => out, exited, url: (p) => `http://127.0.0.1:${port}${p}` };
}
