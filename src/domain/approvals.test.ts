import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.js';
import { durationStats, summarisePhases, timeApproval } from './approvals.js';
import { OFFICIAL_2026 } from '../../test/fixtures/official-2026.js';

const cal = buildCalendar([2026], OFFICIAL_2026);

describe('approval durations in working days, over the 2026 National Day', () => {
  it.each([
    // submitted, completed, today, target → status, used, due, over
    ['2026-09-30', '2026-10-09', '2026-11-23', 3, 'done', 2, '2026-10-10', 0],
    ['2026-09-29', '2026-10-12', '2026-11-23', 5, 'done', 5, '2026-10-12', 0],
    ['2026-09-29', '2026-10-13', '2026-11-23', 5, 'done_late', 6, '2026-10-12', 1],
    ['2026-09-25', '2026-10-09', '2026-11-23', 10, 'done', 5, '2026-10-15', 0],
    ['2026-09-28', null, '2026-10-07', 3, 'in_progress', 2, '2026-10-08', 0],
    ['2026-09-28', null, '2026-10-08', 3, 'in_progress', 3, '2026-10-08', 0],
    ['2026-09-28', null, '2026-10-09', 3, 'overdue', 4, '2026-10-08', 1],
    ['2026-09-18', '2026-09-21', '2026-11-23', 3, 'done', 2, '2026-09-22', 0],
    ['2026-10-01', '2026-10-10', '2026-11-23', 2, 'done_late', 3, '2026-10-09', 1],
  ] as const)(
    'submitted %s, completed %s (today %s), target %i → %s, %i days, due %s',
    (submittedOn, completedOn, today, targetDays, status, used, due, over) => {
      const t = timeApproval(cal, { submittedOn, completedOn, targetDays }, today);
      expect(t).toMatchObject({ status, usedDays: used, dueOn: due, overDays: over });
    },
  );

  it('the articles’ acceptance: submitted before 国庆, 30 working days is mid-November; 10 is mid-October', () => {
    expect(
      timeApproval(cal, { submittedOn: '2026-09-28', completedOn: null, targetDays: 30 }, '2026-09-28').dueOn,
    ).toBe('2026-11-13');
    expect(
      timeApproval(cal, { submittedOn: '2026-09-28', completedOn: null, targetDays: 10 }, '2026-09-28').dueOn,
    ).toBe('2026-10-16');
  });

  it('not submitted: nothing is counted', () => {
    expect(timeApproval(cal, { submittedOn: null, completedOn: null, targetDays: 5 }, '2026-11-23')).toEqual({
      status: 'not_submitted',
      usedDays: null,
      dueOn: null,
      overDays: 0,
      provisionalYear: null,
    });
  });

  it('a due date in 2027 (not loaded) is provisional: weekends only there, with the year named', () => {
    const done = timeApproval(
      cal,
      { submittedOn: '2026-12-28', completedOn: '2026-12-30', targetDays: 5 },
      '2026-12-31',
    );
    expect(done).toMatchObject({ status: 'done', usedDays: 2, dueOn: '2027-01-04', provisionalYear: 2027 });
    const open = timeApproval(cal, { submittedOn: '2026-12-28', completedOn: null, targetDays: 5 }, '2027-01-04');
    expect(open).toMatchObject({ status: 'in_progress', usedDays: 5, provisionalYear: 2027 });
  });
});

describe('summarisePhases', () => {
  it('adds target and used working days of submitted items per phase', () => {
    const t = (submittedOn: string | null, completedOn: string | null, targetDays: number) =>
      timeApproval(cal, { submittedOn, completedOn, targetDays }, '2026-10-09');
    const items = [
      { phase: 'preparation' as const, targetDays: 3, timing: t('2026-09-30', '2026-10-09', 3) },
      { phase: 'preparation' as const, targetDays: 10, timing: t('2026-09-28', null, 10) },
      { phase: 'acceptance' as const, targetDays: 10, timing: t(null, null, 10) },
    ];
    expect(summarisePhases(items, ['preparation', 'acceptance'])).toEqual([
      { phase: 'preparation', items: 2, submitted: 2, done: 1, targetDays: 13, usedDays: 2 + 4, overdue: 0 },
      { phase: 'acceptance', items: 1, submitted: 0, done: 0, targetDays: 0, usedDays: 0, overdue: 0 },
    ]);
  });
});

describe('durationStats', () => {
  it.each([
    [[], { count: 0, average: null, median: null, withinTargetRate: null }],
    [[8, 10, 12], { count: 3, average: 10, median: 10, max: 12, min: 8, withinTarget: 2, withinTargetRate: 66.7 }],
    [[30, 10, 9, 7], { count: 4, average: 14, median: 9.5, max: 30, withinTarget: 3, withinTargetRate: 75 }],
  ])('%j', (days, expected) => {
    expect(durationStats(days.map((usedDays) => ({ usedDays, targetDays: 10 })))).toMatchObject(expected);
  });
});
