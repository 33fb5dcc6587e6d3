import { describe, expect, it } from 'vitest';
import { checkEveryMs, slotOf, type Job } from './job.js';

const run = async () => undefined;
const daily: Job = { name: 'd', everyMs: 60 * 60_000, daily: { hour: 1 }, run };
const periodic: Job = { name: 'p', everyMs: 10 * 60_000, run };

describe('job slots', () => {
  it.each([
    // China time = UTC+8: 2026-11-22T16:59Z is 00:59 on the 23rd in China
    ['2026-11-22T16:59:59Z', null],
    ['2026-11-22T17:00:00Z', '2026-11-23'],
    ['2026-11-23T02:00:00Z', '2026-11-23'],
    ['2026-11-23T15:59:59Z', '2026-11-23'],
    ['2026-11-23T16:00:00Z', null],
    ['2026-11-23T17:30:00Z', '2026-11-24'],
  ])('a daily job from 01:00 China time at %s → %s', (at, slot) => {
    expect(slotOf(daily, new Date(at))).toBe(slot);
  });

  it('hour 0 is due the whole China day', () => {
    expect(slotOf({ ...daily, daily: { hour: 0 } }, new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
  });

  it.each([
    ['2026-11-23T02:00:00Z', '2026-11-23T02:00:00.000Z'],
    ['2026-11-23T02:09:59.999Z', '2026-11-23T02:00:00.000Z'],
    ['2026-11-23T02:10:00Z', '2026-11-23T02:10:00.000Z'],
  ])('a periodic job every 10 minutes at %s → %s', (at, slot) => {
    expect(slotOf(periodic, new Date(at))).toBe(slot);
  });

  it('daily jobs are checked at least every 15 minutes; periodic ones at their interval', () => {
    expect(checkEveryMs(daily)).toBe(15 * 60_000);
    expect(checkEveryMs({ ...daily, everyMs: 5 * 60_000 })).toBe(5 * 60_000);
    expect(checkEveryMs(periodic)).toBe(10 * 60_000);
  });
});
