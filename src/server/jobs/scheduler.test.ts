import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../context.js';
import { startScheduler, type Job } from './scheduler.js';

afterEach(() => vi.useRealTimers());

describe('scheduler', () => {
  it('a job whose database is away is logged as skipped and runs again at the next tick', async () => {
    vi.useFakeTimers();
    const warn = vi.fn();
    const error = vi.fn();
    const ctx = { log: { warn, error } } as unknown as AppContext;
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
    const scheduler = startScheduler(ctx, [job]);
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
});
