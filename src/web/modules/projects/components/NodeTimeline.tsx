import ReactEChartsCore from 'echarts-for-react/esm/core';
import { echarts } from '../../../components/charts.js';
import { useI18n } from '../../../app/i18n.js';
import type { ProjectNode } from '../api.js';

const GREEN = '#52c41a';
const ORANGE = '#fa8c16';
const RED = '#f5222d';
const GREY = '#8c8c8c';

/**
 * 时间节点时间轴: each node's plan (hollow), forecast (diamond) and actual date (filled), joined by a
 * line coloured by how late it is; a vertical line marks today.
 */
export function NodeTimeline({ nodes, today }: { nodes: ProjectNode[]; today: string }) {
  const { tr } = useI18n();
  const rows = nodes.filter((n) => n.plannedDate || n.actualDate || n.expectedDate);
  const names = rows.map((n) => n.name);
  const colourOf = (n: ProjectNode) =>
    n.status === 'late' || (n.status === 'done_late' && n.lateDays > 10)
      ? RED
      : n.status === 'delayed' || n.status === 'done_late'
        ? ORANGE
        : n.actualDate
          ? GREEN
          : GREY;
  const spans = rows.map((n) => {
    const end = n.actualDate ?? (n.status === 'late' ? today : n.expectedDate) ?? n.plannedDate;
    return {
      type: 'line' as const,
      data: [
        [n.plannedDate ?? end, n.name],
        [end, n.name],
      ],
      lineStyle: { color: colourOf(n), width: 4 },
      symbol: 'none',
      silent: true,
      z: 1,
    };
  });
  const option = {
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    tooltip: { trigger: 'item' as const },
    legend: { top: 0, data: [tr('计划', 'Planned'), tr('预计', 'Expected'), tr('实际', 'Actual')] },
    xAxis: { type: 'time' as const },
    yAxis: { type: 'category' as const, data: names, inverse: true },
    series: [
      ...spans,
      {
        name: tr('计划', 'Planned'),
        type: 'scatter' as const,
        symbol: 'emptyCircle',
        symbolSize: 12,
        itemStyle: { color: GREY },
        data: rows.filter((n) => n.plannedDate).map((n) => [n.plannedDate, n.name]),
        z: 3,
        markLine: {
          symbol: 'none',
          label: { formatter: tr('今天', 'Today') },
          lineStyle: { color: RED, type: 'dashed' as const },
          data: [{ xAxis: today }],
        },
      },
      {
        name: tr('预计', 'Expected'),
        type: 'scatter' as const,
        symbol: 'diamond',
        symbolSize: 13,
        itemStyle: { color: ORANGE },
        data: rows.filter((n) => n.expectedDate && !n.actualDate).map((n) => [n.expectedDate, n.name]),
        z: 4,
      },
      {
        name: tr('实际', 'Actual'),
        type: 'scatter' as const,
        symbolSize: 12,
        itemStyle: { color: GREEN },
        data: rows.filter((n) => n.actualDate).map((n) => [n.actualDate, n.name]),
        z: 5,
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height: Math.max(220, rows.length * 42 + 70), width: '100%' }}
      notMerge
      data-testid="node-timeline"
    />
  );
}
