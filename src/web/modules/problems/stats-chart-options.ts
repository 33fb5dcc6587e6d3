import type { ProblemStats } from './api.js';

type Tr = (zh: string, en: string) => string;

const asPct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/**
 * 各部门按期答复: two grids side by side sharing the departments: the 按期答复率 on a 0–100 % axis
 * (left) and 逾期未办 on its own count axis (right), so one overdue item is one unit, not a full bar.
 * The legend sits at the bottom, below the grids' margin, so it never covers a bar or a label.
 */
export function deptChartOption(stats: ProblemStats, tr: Tr) {
  const depts = stats.byDept;
  const names = depts.map((d) => d.name);
  const rateName = tr('按期答复率 %', 'On-time answers %');
  const overdueName = tr('逾期未办（件）', 'Open overdue (n)');
  const maxOverdue = Math.max(0, ...depts.map((d) => d.openOverdue));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, data: [rateName, overdueName] },
    grid: [
      { left: 8, width: '58%', top: 8, bottom: 36, containLabel: true },
      { right: 16, width: '26%', top: 8, bottom: 36, containLabel: true },
    ],
    xAxis: [
      {
        gridIndex: 0,
        type: 'value',
        min: 0,
        max: 100,
        interval: 50,
        axisLabel: { formatter: '{value}%', hideOverlap: true },
      },
      {
        gridIndex: 1,
        type: 'value',
        min: 0,
        // a count axis of whole items; at least 0–4 so a single overdue item is a short bar
        max: Math.max(4, maxOverdue),
        minInterval: 1,
        axisLabel: { hideOverlap: true },
      },
    ],
    yAxis: [
      { gridIndex: 0, type: 'category', data: names, inverse: true, axisLabel: { width: 96, overflow: 'truncate' } },
      {
        gridIndex: 1,
        type: 'category',
        data: names,
        inverse: true,
        axisLabel: { show: false },
        axisTick: { show: false },
      },
    ],
    series: [
      {
        name: rateName,
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: depts.map((d) => asPct(d.answerOnTimeRate)),
        itemStyle: { color: '#1677ff' },
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
      {
        name: overdueName,
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: depts.map((d) => d.openOverdue),
        itemStyle: { color: '#ff4d4f' },
        label: { show: true, position: 'right', formatter: '{c}' },
      },
    ],
  };
}

/** 按月: the three rates on the % axis (left), the number of problems on a count axis (right); legend at the bottom. */
export function monthChartOption(stats: ProblemStats, tr: Tr) {
  const m = stats.byMonth;
  const names = [
    tr('按期办结率', 'On-time rate'),
    tr('限期反馈率', 'Feedback rate'),
    tr('满意率', 'Satisfaction'),
    tr('问题数', 'Problems'),
  ] as const;
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0, data: [...names] },
    grid: { left: 8, right: 8, top: 32, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: m.map((x) => x.month), axisLabel: { hideOverlap: true } },
    yAxis: [
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', min: 0, minInterval: 1, name: tr('件', 'n'), splitLine: { show: false } },
    ],
    series: [
      { name: names[0], type: 'line', yAxisIndex: 0, data: m.map((x) => asPct(x.onTimeRate)) },
      { name: names[1], type: 'line', yAxisIndex: 0, data: m.map((x) => asPct(x.feedbackRate)) },
      { name: names[2], type: 'line', yAxisIndex: 0, data: m.map((x) => asPct(x.satisfactionRate)) },
      {
        name: names[3],
        type: 'bar',
        yAxisIndex: 1,
        data: m.map((x) => x.total),
        barMaxWidth: 48,
        itemStyle: { color: '#d9d9d9', opacity: 0.6 },
      },
    ],
  };
}
