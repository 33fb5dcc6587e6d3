import type { CoverageOverview } from './api.js';

type Tr = (zh: string, en: string) => string;

/**
 * 各镇覆盖率: one row per township (the scope itself when it has no townships below it), 组织覆盖率
 * and 工作覆盖率 as bars on a 0–100 % axis with the figure and "covered / units" in the tooltip.
 * Readable without a base map (none is available offline); the legend sits at the bottom.
 */
export function townshipCoverageOption(o: Pick<CoverageOverview, 'region' | 'townships'>, tr: Tr) {
  const rows = o.townships.length ? o.townships : [o.region];
  const orgName = tr('组织覆盖率', 'Organisation coverage');
  const workName = tr('工作覆盖率', 'Work coverage');
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, data: [orgName, workName] },
    grid: { left: 8, right: 48, top: 8, bottom: 36, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { formatter: '{value}%', hideOverlap: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { width: 96, overflow: 'truncate' },
    },
    series: [
      {
        name: orgName,
        type: 'bar',
        data: rows.map((r) => ({ value: r.orgRate, covered: r.orgCovered, units: r.units })),
        itemStyle: { color: '#c23531' },
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
      {
        name: workName,
        type: 'bar',
        data: rows.map((r) => ({ value: r.workRate, covered: r.workCovered, units: r.units })),
        itemStyle: { color: '#61a0a8' },
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  };
}

/** Rows of the chart and what it needs in height: 2 bars a township, the legend below. */
export const townshipChartHeight = (o: Pick<CoverageOverview, 'townships'>) =>
  Math.max(200, Math.max(1, o.townships.length) * 56 + 60);
