import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.js';
import { dispatchDueOn, dispatchState, summariseMonth } from './dispatch.js';
import { OFFICIAL_2026 } from '../../test/fixtures/official-2026.js';

const cal = buildCalendar([2026], OFFICIAL_2026);

describe('the dispatch report of a month is due on the 5th working day of the next month', () => {
  it.each([
    ['2026-09', '2026-10-13', '国庆: 8, 9, the 调休 Saturday 10, Monday 12, Tuesday 13'],
    ['2026-10', '2026-11-06', 'an ordinary first week'],
    ['2026-01', '2026-02-06', 'February starts on a Sunday'],
    ['2026-02', '2026-03-06', 'after the 调休 Saturday 28 Feb'],
    ['2026-04', '2026-05-11', '劳动节 1–5 May; 6, 7, 8, the 调休 Saturday 9, Monday 11'],
  ])('%s → %s (%s)', (month, due) => {
    expect(dispatchDueOn(cal, month)).toEqual({ dueOn: due, provisionalYear: null });
  });
  it('December’s report falls in 2027, whose calendar is not loaded: provisional, weekends only', () => {
    expect(dispatchDueOn(cal, '2026-12')).toEqual({ dueOn: '2027-01-07', provisionalYear: 2027 });
  });
  it.each([
    [true, '2026-11-06', '2026-11-23', 'confirmed'],
    [false, '2026-11-06', '2026-11-06', 'pending'],
    [false, '2026-11-06', '2026-11-09', 'overdue'],
    [false, null, '2027-01-20', 'pending'],
  ] as const)('confirmed=%s due %s today %s → %s', (confirmed, due, today, state) => {
    expect(dispatchState(confirmed, due, today)).toBe(state);
  });
});

describe('summariseMonth prefills the report from nodes and investment', () => {
  const nodes = [
    { name: '开工', plannedDate: '2026-03-01', actualDate: '2026-03-18' },
    { name: '主体封顶', plannedDate: '2026-10-20', actualDate: '2026-10-30' },
    { name: '设备安装', plannedDate: '2026-10-25', actualDate: null },
    { name: '竣工', plannedDate: '2026-11-30', actualDate: null },
    { name: '投产', plannedDate: '2027-03-01', actualDate: null },
  ];
  const investments = [
    { month: '2025-12', amount: 500 },
    { month: '2026-09', amount: 1200 },
    { month: '2026-10', amount: 1500.5 },
    { month: '2026-11', amount: 900 },
  ];
  it('October 2026', () => {
    const s = summariseMonth({ month: '2026-10', nodes, investments, annualPlan: 6000 });
    expect(s.nodesDone.map((n) => n.name)).toEqual(['主体封顶']);
    expect(s.nodesMissed.map((n) => n.name)).toEqual(['设备安装']);
    expect(s.nodesNext.map((n) => n.name)).toEqual(['竣工']);
    expect(s).toMatchObject({
      monthInvestment: 1500.5,
      yearInvestment: 2700.5,
      totalInvestment: 3200.5,
      annualRate: 45,
    });
  });
  it('December rolls the next month into January of the next year', () => {
    const s = summariseMonth({
      month: '2026-12',
      nodes: [{ name: '投产', plannedDate: '2027-01-15', actualDate: null }],
      investments: [],
      annualPlan: null,
    });
    expect(s.nodesNext).toHaveLength(1);
    expect(s.annualRate).toBeNull();
  });
});
