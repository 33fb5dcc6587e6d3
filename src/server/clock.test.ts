import { describe, expect, it } from 'vitest';
import { clockFromConfig, clockStartingAt, systemClock } from './context.js';
import { parseConfig } from './config.js';

describe('the server clock', () => {
  it('a clock started at an instant reads it, then runs in real time', () => {
    let real = Date.parse('2030-06-01T00:00:00Z');
    const clock = clockStartingAt(new Date('2026-11-23T02:00:00Z'), () => real);
    expect(clock.now().toISOString()).toBe('2026-11-23T02:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2026-11-23T02:01:30.000Z');
  });

  it('is the system clock unless NODE_ENV=test sets XIANFENG_CLOCK_START', () => {
    expect(clockFromConfig(parseConfig({}))).toBe(systemClock);
    const fixed = clockFromConfig(parseConfig({ NODE_ENV: 'test', XIANFENG_CLOCK_START: '2026-12-28T10:00:00+08:00' }));
    expect(Math.abs(fixed.now().getTime() - Date.parse('2026-12-28T02:00:00Z'))).toBeLessThan(60_000);
    // A Config built by hand cannot slip a fixed clock past the NODE_ENV check either.
    const forged = { ...parseConfig({ NODE_ENV: 'production', XIANFENG_SECRET_KEY: 'ab'.repeat(32) }) };
    forged.clockStart = new Date('2026-11-23T02:00:00Z');
    expect(() => clockFromConfig(forged)).toThrow(/only when NODE_ENV=test/);
  });
});
