/** Timing helpers for bench/: percentiles of repeated calls, printed as a table with the command. */
export interface Stats {
  name: string;
  n: number;
  p50: number;
  p95: number;
  mean: number;
  perSecond: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

/** Calls `fn` `warmup` times untimed, then `n` times timed, one after another. Milliseconds. */
export async function measure(
  name: string,
  fn: () => Promise<unknown>,
  opts: { n?: number; warmup?: number } = {},
): Promise<Stats> {
  const n = opts.n ?? 200;
  for (let i = 0; i < (opts.warmup ?? 20); i++) await fn();
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return {
    name,
    n,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    mean: total / n,
    perSecond: (n / total) * 1000,
  };
}

export function printStats(title: string, rows: Stats[]): void {
  console.log(`\n${title}`);
  console.table(
    rows.map((r) => ({
      case: r.name,
      n: r.n,
      'p50 ms': r.p50.toFixed(2),
      'p95 ms': r.p95.toFixed(2),
      'req/s (serial)': r.perSecond.toFixed(0),
    })),
  );
}
