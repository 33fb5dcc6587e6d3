import { describe, expect, it } from 'vitest';
import { EMPTY_COUNTS, ledgerRates, timelinessOf } from './problem-stats.js';

describe('ledgerRates', () => {
  it.each([
    [{ closed: 8, closedOnTime: 6, openOverdue: 2 }, 0.6, 'open overdue problems count against the rate'],
    [{ closed: 4, closedOnTime: 4, openOverdue: 0 }, 1, 'all closed on time'],
    [{ closed: 0, closedOnTime: 0, openOverdue: 3 }, 0, 'nothing closed, three overdue'],
    [{ closed: 0, closedOnTime: 0, openOverdue: 0 }, null, 'nothing to judge yet'],
  ])('%j → on-time rate %s (%s)', (c, expected, _why) => {
    expect(ledgerRates({ ...EMPTY_COUNTS, ...c }).onTimeRate).toBe(expected);
  });

  it('feedback, satisfaction and average working days to close', () => {
    const r = ledgerRates({
      ...EMPTY_COUNTS,
      feedbackDue: 4,
      feedbackOnTime: 3,
      ratings: 5,
      satisfied: 4,
      closeDaysSum: 17,
      closeDaysCount: 3,
    });
    expect(r).toEqual({ onTimeRate: null, feedbackRate: 0.75, satisfactionRate: 0.8, avgCloseWorkingDays: 5.7 });
  });
});

describe('timelinessOf (是否按期)', () => {
  const base = { final: false, onTime: null, lateRounds: 0, answeredAt: null, answerDue: '2026-11-30' };
  it.each([
    [{ ...base, final: true, onTime: true }, '2026-12-10', 'on_time'],
    [{ ...base, final: true, onTime: false }, '2026-12-10', 'late'],
    [base, '2026-11-30', 'open'],
    [base, '2026-12-01', 'overdue'],
    [{ ...base, answeredAt: '2026-11-27T02:00:00Z' }, '2026-12-10', 'open'],
    [{ ...base, answeredAt: '2026-12-02T02:00:00Z', lateRounds: 1 }, '2026-12-10', 'overdue'],
    [{ ...base, answerDue: null }, '2027-03-01', 'open'],
  ])('%j on %s → %s', (p, today, expected) => {
    expect(timelinessOf(p, today)).toBe(expected);
  });
});
