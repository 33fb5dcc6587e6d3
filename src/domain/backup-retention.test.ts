import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { nightlySlot, planRetention, type BackupFileRef } from './backup-retention.js';

/** A nightly backup made at 02:00 China time on `date` (18:00 UTC the day before). */
const nightly = (date: string): BackupFileRef => ({
  name: `b-${date}`,
  at: new Date(`${date}T02:00:00+08:00`),
});
const nightsBack = (last: string, n: number) => Array.from({ length: n }, (_, i) => nightly(addDays(last, -i)));
const NOW = new Date('2026-12-07T03:00:00+08:00'); // a Monday, after that night's backup
const POLICY = { daily: 14, weekly: 8, monthly: 12 };

describe('planRetention (clock fixed at 2026-12-07 03:00 China time)', () => {
  const cases: Array<{ name: string; backups: BackupFileRef[]; policy?: typeof POLICY; now?: Date; keep: string[] }> = [
    { name: 'nothing to keep', backups: [], keep: [] },
    {
      name: 'three on one day: the newest of the day',
      backups: [
        { name: 'a', at: new Date('2026-12-06T01:00:00+08:00') },
        { name: 'b', at: new Date('2026-12-06T14:00:00+08:00') },
        { name: 'c', at: new Date('2026-12-06T09:00:00+08:00') },
      ],
      keep: ['b'],
    },
    {
      name: '400 nights: 14 days, the Sundays of 8 weeks, the month ends of 12 months',
      backups: nightsBack('2026-12-07', 400),
      keep: [
        ...nightsBack('2026-12-07', 14).map((b) => b.name),
        ...['2026-11-22', '2026-11-15', '2026-11-08', '2026-11-01', '2026-10-25'].map((d) => `b-${d}`),
        ...['10-31', '09-30', '08-31', '07-31', '06-30', '05-31', '04-30', '03-31', '02-28', '01-31'].map(
          (d) => `b-2026-${d}`,
        ),
      ].sort(),
    },
    {
      name: 'keep 1/1/1: only the newest',
      backups: nightsBack('2026-12-07', 60),
      policy: { daily: 1, weekly: 1, monthly: 1 },
      keep: ['b-2026-12-07'],
    },
    {
      name: 'only old backups: the newest of all stays',
      backups: [nightly('2024-03-01'), nightly('2024-02-01')],
      keep: ['b-2024-03-01'],
    },
    {
      name: 'a backup dated after now (clock set back) stays, and so does the rest of its buckets',
      backups: [nightly('2026-12-09'), nightly('2026-12-06'), nightly('2025-01-01')],
      keep: ['b-2026-12-06', 'b-2026-12-09'],
    },
    {
      name: 'the day boundary is China midnight, not UTC',
      backups: [
        { name: 'late', at: new Date('2026-12-01T23:30:00+08:00') },
        { name: 'early', at: new Date('2026-12-02T00:30:00+08:00') },
      ],
      policy: { daily: 14, weekly: 1, monthly: 1 },
      keep: ['early', 'late'],
    },
  ];
  it.each(cases)('$name', ({ backups, policy, now, keep }) => {
    const plan = planRetention(backups, now ?? NOW, policy ?? POLICY);
    expect(plan.keep).toEqual(keep);
    expect(plan.remove).toEqual(
      backups
        .map((b) => b.name)
        .filter((n) => !keep.includes(n))
        .sort(),
    );
  });
});

describe('nightlySlot (China time)', () => {
  it.each([
    ['2026-12-06T17:59:00Z', 2, null], // 01:59 on 12-07 in China: not yet
    ['2026-12-06T18:00:00Z', 2, 'nightly:2026-12-07'], // 02:00
    ['2026-12-07T09:00:00Z', 2, 'nightly:2026-12-07'], // 17:00: still tonight's (server was down at 02:00)
    ['2026-12-07T15:59:00Z', 2, 'nightly:2026-12-07'], // 23:59
    ['2026-12-07T16:00:00Z', 0, 'nightly:2026-12-08'], // midnight with hour 0
    ['2026-12-07T14:00:00Z', 23, null], // 22:00 with hour 23
  ])('%s at hour %i → %s', (at, hour, slot) => {
    expect(nightlySlot(new Date(at), hour)).toBe(slot);
  });
});
