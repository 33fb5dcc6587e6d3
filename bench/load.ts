import { Worker } from 'node:worker_threads';

/**
 * A small HTTP load generator (autocannon and wrk are not installed here): `connections` keep-alive
 * connections in a worker thread — off the server's event loop, as a separate load generator would
 * be — each sending the next request as soon as the last answered, for `durationMs`.
 */
export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

const WORKER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, headers, connections, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const lat = [];
let errors = 0;
const get = () => new Promise((resolve) => {
  const t0 = performance.now();
  const req = http.get(url, { agent, headers }, (res) => {
    res.resume();
    res.on('end', () => { if (res.statusCode !== 200) errors++; lat.push(performance.now() - t0); resolve(); });
  });
  req.on('error', () => { errors++; resolve(); });
});
(async () => {
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(Array.from({ length: connections }, async () => { while (performance.now() < end) await get(); }));
  const elapsed = performance.now() - started;
  agent.destroy();
  parentPort.postMessage({ lat, errors, elapsed });
})();
`;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export function summarise(lat: number[], errors: number, elapsedMs: number): LoadResult {
  const sorted = Float64Array.from(lat).sort();
  const s = Array.from(sorted);
  return {
    requests: lat.length,
    errors,
    perSecond: (lat.length / elapsedMs) * 1000,
    p50: pct(s, 50),
    p95: pct(s, 95),
    p99: pct(s, 99),
  };
}

export async function httpLoad(
  url: string,
  opts: { headers?: Record<string, string>; connections?: number; durationMs?: number } = {},
): Promise<LoadResult> {
  const m = await httpLoadSamples(url, opts);
  return summarise(m.lat, m.errors, m.elapsed);
}

/** httpLoad's raw latencies (ms), errors and elapsed time, to merge several generators into one figure. */
export function httpLoadSamples(
  url: string,
  opts: { headers?: Record<string, string>; connections?: number; durationMs?: number } = {},
): Promise<{ lat: number[]; errors: number; elapsed: number }> {
  const workerData = {
    url,
    headers: opts.headers ?? {},
    connections: opts.connections ?? 10,
    durationMs: opts.durationMs ?? 3000,
  };
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

/** The same closed loop without HTTP: `connections` concurrent callers of `fn` (the raw driver). */
export async function callLoad(
  fn: () => Promise<unknown>,
  opts: { connections?: number; durationMs?: number } = {},
): Promise<LoadResult> {
  const lat: number[] = [];
  const started = performance.now();
  const end = started + (opts.durationMs ?? 3000);
  await Promise.all(
    Array.from({ length: opts.connections ?? 10 }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await fn();
        lat.push(performance.now() - t0);
      }
    }),
  );
  return summarise(lat, 0, performance.now() - started);
}
