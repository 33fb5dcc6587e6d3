import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../context.js';
import { parseConfig } from '../config.js';
import { startScheduler, type Job } from './scheduler.js';
import type { ClaimRequest, ClaimResult, ClaimStore } from './job-claims.js';

afterEach(() => vi.useRealTimers());

/** job_runs in a map, so the timers can be faked (the database's own claims are tested in test/jobs.test.ts). */
function memoryStore() {
  const rows = new Map<string, { owner: string; status: string; leaseUntil: number }>();
  const key = (r: { job: string; slot: string }) => `${r.job}@${r.slot}`;
  const store: ClaimStore = {
    async claim(r: ClaimRequest): Promise<ClaimResult> {
      const row = rows.get(key(r));
      if (row && row.status === 'finished') return { claimed: false, why: 'done' };
      if (row && row.status === 'running' && row.leaseUntil > r.now.getTime())
        return { claimed: false, why: 'running' };
      rows.set(key(r), { owner: r.owner, status: 'running', leaseUntil: r.now.getTime() + r.leaseMs });
      return { claimed: true, attempt: 1 };
    },
    async heartbeat() {
      heartbeats++;
      return true;
    },
    async finish(r, error) {
      rows.set(key(r), { owner: r.owner, status: error === null ? 'finished' : 'failed', leaseUntil: 0 });
      return true;
    },
  };
  let heartbeats = 0;
  return { store, rows, heartbeats: () => heartbeats };
}

/** A context whose clock is the faked Date. */
function fakeCtx(env: Record<string, string> = {}) {
  const warn = vi.fn();
  const error = vi.fn();
  const info = vi.fn();
  const ctx = {
    log: { warn, error, info },
    config: parseConfig({ NODE_ENV: 'test', ...env }),
    clock: { now: () => new Date() },
  } as unknown as AppContext;
  return { ctx, warn, error, info };
}

describe('scheduler', () => {
  it('a job whose database is away is logged as skipped and runs again at the next tick', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T02:00:00Z') });
    const { ctx, warn, error } = fakeCtx();
    const { store } = memoryStore();
    let runs = 0;
    const job: Job = {
      name: 'flaky',
      everyMs: 60_000,
      run: async () => {
        runs++;
        if (runs === 1) throw Object.assign(new Error('terminating connection'), { code: '57P01' });
        if (runs === 2) throw new Error('a real bug');
      },
    };
    const scheduler = startScheduler(ctx, [job], { store });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(1);
    expect(warn).toHaveBeenCalledWith({ job: 'flaky', code: '57P01' }, 'job skipped: database unavailable');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(2);
    expect(error).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(3);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs).toBe(3);
  });

  it('a daily job runs once per China date from its hour, however often it is looked at', async () => {
    // 2026-11-22T16:30Z is 00:30 on the 23rd in China
    vi.useFakeTimers({ now: new Date('2026-11-22T16:30:00Z') });
    const { ctx } = fakeCtx();
    const { store, rows } = memoryStore();
    const days: string[] = [];
    const job: Job = {
      name: 'daily',
      everyMs: 60 * 60_000,
      daily: { hour: 1 },
      run: async (c) => void days.push(c.clock.now().toISOString()),
    };
    const scheduler = startScheduler(ctx, [job], { store });
    await vi.advanceTimersByTimeAsync(29 * 60_000); // 00:59 China: not yet (looked at 00:30, 00:45)
    expect(days).toEqual([]);
    await vi.advanceTimersByTimeAsync(48 * 3_600_000); // two more China dates
    await scheduler.stop();
    expect(days).toEqual(['2026-11-22T17:00:00.000Z', '2026-11-23T17:00:00.000Z']);
    expect([...rows.keys()]).toEqual(['daily@2026-11-23', 'daily@2026-11-24']);
  });

  it('a long run keeps its claim alive (heartbeat) and is not started again while it runs', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T02:00:00Z') });
    const { ctx } = fakeCtx();
    const m = memoryStore();
    let started = 0;
    let release!: () => void;
    const job: Job = {
      name: 'slow',
      everyMs: 60_000,
      leaseMs: 90_000,
      run: () => {
        started++;
        return new Promise<void>((r) => (release = r));
      },
    };
    const scheduler = startScheduler(ctx, [job], { store: m.store });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(started).toBe(1);
    expect(m.heartbeats()).toBeGreaterThanOrEqual((5 * 60_000) / 30_000 - 1);
    release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toBe(2);
    release();
    await scheduler.stop();
  });

  it('XIANFENG_JOBS=off starts no job in this process', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T02:00:00Z') });
    const { ctx, info } = fakeCtx({ XIANFENG_JOBS: 'off' });
    const m = memoryStore();
    let runs = 0;
    const jobs: Job[] = [
      { name: 'periodic', everyMs: 60_000, run: async () => void runs++ },
      { name: 'daily', everyMs: 60 * 60_000, daily: { hour: 0 }, run: async () => void runs++ },
    ];
    const scheduler = startScheduler(ctx, jobs, { store: m.store });
    await vi.advanceTimersByTimeAsync(3 * 24 * 3_600_000);
    await scheduler.stop();
    expect(runs).toBe(0);
    expect(m.rows.size).toBe(0);
    expect(info).toHaveBeenCalledWith('background jobs off in this process (XIANFENG_JOBS=off)');
  });
});

describe('XIANFENG_JOBS', () => {
  it('is on unless set to off; anything else is a configuration error', () => {
    expect(parseConfig({}).jobs).toBe(true);
    expect(parseConfig({ XIANFENG_JOBS: 'on' }).jobs).toBe(true);
    expect(parseConfig({ XIANFENG_JOBS: 'off' }).jobs).toBe(false);
    expect(() => parseConfig({ XIANFENG_JOBS: 'no' })).toThrow(/XIANFENG_JOBS="no": must be on or off/);
  });
});
