import { spawn } from 'node:child_process';
import { serverProcessEnv } from '../scripts/server-env.mjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { BENCH_PG_URL } from './db.js';

/**
 * Memory of the server as `npm start` runs it (scripts/start.mjs spawns `node --import tsx
 * src/server/main.ts`): started here the same way as a child process, on a fresh data directory
 * (demo loaded), then again on that same directory (the demo already there), then on PostgreSQL
 * (DATABASE_URL, a fresh database, demo loaded) for comparison. Each run waits for the "started"
 * line, then idles MEMORY_IDLE_MS (the background jobs take their first look 5 s after start; on a
 * fresh data directory that includes the nightly backup, which a new install has not made yet),
 * reads VmRSS (resident now) and VmHWM (the peak) from /proc/<pid>/status, stops it with SIGTERM.
 *   npm run bench -- memory        (MEMORY_IDLE_MS=30000 by default)
 */
const COMMAND = 'npm run bench -- memory';
const root = fileURLToPath(new URL('..', import.meta.url));
const IDLE_MS = Number(process.env.MEMORY_IDLE_MS ?? 30_000);

interface Sample {
  case: string;
  startMs: number;
  rssMb: number;
  hwmMb: number;
  /** Whether the nightly backup ran while it idled (a fresh install makes its first one at once). */
  backup: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

function statusMb(pid: number): { rss: number; hwm: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Starts the server, waits for "started" and IDLE_MS of idling, reads its memory, stops it. */
async function measureStart(label: string, env: Record<string, string>): Promise<Sample> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts')], {
    cwd: root,
    // the environment npm start gives it (scripts/start.mjs: glibc malloc settings unless set)
    env: { ...serverProcessEnv(), NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid as number;
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = await new Promise<boolean>((resolve) => {
    const onData = (b: Buffer) => {
      output += b.toString();
      if (output.includes('已启动 / started')) resolve(true);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => resolve(false));
  });
  if (!started) throw new Error(`${label}: the server did not start:\n${output}`);
  const startMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const { rss, hwm } = statusMb(pid);
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`${label}: exit code ${code}:\n${output}`);
  return { case: label, startMs, rssMb: rss, hwmMb: hwm, backup: output.includes('nightly backup written') };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xf-bench-memory-'));
  const samples: Sample[] = [];
  try {
    const pgliteEnv = { XIANFENG_DATA_DIR: join(dir, 'data'), XIANFENG_BACKUP_DIR: join(dir, 'backups') };
    samples.push(await measureStart('PGlite, fresh data dir + demo load', pgliteEnv));
    samples.push(await measureStart('PGlite, existing data dir', pgliteEnv));

    const admin = new pg.Client({ connectionString: BENCH_PG_URL, connectionTimeoutMillis: 3000 });
    let reachable = true;
    await admin.connect().catch((e: Error) => {
      reachable = false;
      console.log(`!! PostgreSQL not reachable at ${BENCH_PG_URL} (${e.message}): PostgreSQL figure NOT measured`);
    });
    if (reachable) {
      const name = `xf_bench_memory_${process.pid}`;
      await admin.query(`create database ${name}`);
      try {
        const u = new URL(BENCH_PG_URL);
        u.pathname = `/${name}`;
        const pgEnv = { DATABASE_URL: u.toString(), XIANFENG_DATA_DIR: join(dir, 'pg-data') };
        samples.push(await measureStart('PostgreSQL, fresh database + demo load', pgEnv));
        samples.push(await measureStart('PostgreSQL, existing database', pgEnv));
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pgBase = samples.find((s) => s.case.startsWith('PostgreSQL, existing'));
  console.log(
    `\nServer process memory after start + ${IDLE_MS} ms idle (${COMMAND}); load ${loadavg()[0]?.toFixed(1)}`,
  );
  console.table(
    samples.map((s) => ({
      case: s.case,
      'start → listening s': (s.startMs / 1000).toFixed(1),
      'VmRSS MB': s.rssMb.toFixed(0),
      'VmHWM MB': s.hwmMb.toFixed(0),
      'backup ran': s.backup ? 'yes' : 'no',
      '× PostgreSQL existing': pgBase ? (s.rssMb / pgBase.rssMb).toFixed(2) : '-',
    })),
  );
  console.log('goal (issue 10): PGlite fresh + demo ≤ 400 MB, PGlite existing data dir ≤ 300 MB');
}
