import { describe, expect, it } from 'vitest';
import type { ProblemStats } from './api.js';
import { deptChartOption, monthChartOption } from './stats-chart-options.js';

const tr = (zh: string) => zh;
const counts = {
  total: 3,
  closed: 1,
  closedOnTime: 1,
  openOverdue: 1,
  feedbackDue: 0,
  feedbackOnTime: 0,
  ratings: 0,
  satisfied: 0,
  closeDaysSum: 0,
  closeDaysCount: 0,
  onTimeRate: 0.5,
  feedbackRate: null,
  satisfactionRate: 1,
  avgCloseWorkingDays: null,
};
const stats: ProblemStats = {
  asOf: '2026-11-30',
  formula: { zh: '', en: '' },
  overall: counts,
  byMonth: [{ ...counts, month: '2026-11' }],
  byDept: [
    {
      ...counts,
      deptId: 1,
      name: '县自然资源局',
      assigned: 2,
      answered: 1,
      answeredOnTime: 1,
      openOverdue: 1,
      returned: 0,
      avgAnswerWorkingDays: null,
      answerOnTimeRate: 0.5,
    },
  ],
};

describe('deptChartOption', () => {
  const o = deptChartOption(stats, tr);
  it('puts the rate on a 0–100 % axis and the overdue count on its own count axis in another grid', () => {
    const rate = o.series[0]!;
    const overdue = o.series[1]!;
    expect(o.xAxis[rate.xAxisIndex]).toMatchObject({ min: 0, max: 100, gridIndex: 0 });
    expect(rate.data).toEqual([50]);
    const countAxis = o.xAxis[overdue.xAxisIndex]!;
    expect(countAxis).toMatchObject({ gridIndex: 1, minInterval: 1 });
    // one overdue item is a quarter of the count axis, not a full-width bar
    expect(countAxis.max).toBe(4);
    expect(overdue.data).toEqual([1]);
    expect(o.yAxis[overdue.yAxisIndex]!.gridIndex).toBe(1);
  });
  it('scales the count axis to the largest count', () => {
    const many = { ...stats, byDept: [{ ...stats.byDept[0]!, openOverdue: 9 }] };
    expect(deptChartOption(many, tr).xAxis[1]!.max).toBe(9);
  });
  it('keeps the legend out of the grids', () => {
    expect(o.legend).toMatchObject({ bottom: 0 });
    for (const g of o.grid) expect(g.bottom).toBeGreaterThanOrEqual(30);
  });
});

describe('monthChartOption', () => {
  const o = monthChartOption(stats, tr);
  it('draws rates on the % axis and the number of problems on the count axis', () => {
    expect(o.yAxis[0]).toMatchObject({ min: 0, max: 100 });
    expect(o.series.filter((s) => s.type === 'line').every((s) => s.yAxisIndex === 0)).toBe(true);
    const bar = o.series.find((s) => s.type === 'bar')!;
    expect(bar.yAxisIndex).toBe(1);
    expect(bar.data).toEqual([3]);
    expect(o.series[0]!.data).toEqual([50]);
    expect(o.series[1]!.data).toEqual([null]);
  });
  it('keeps the legend below the grid', () => {
    expect(o.legend).toMatchObject({ bottom: 0 });
    expect(o.grid.bottom).toBeGreaterThanOrEqual(30);
  });
});
