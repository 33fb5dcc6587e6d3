import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useI18n } from '../../app/i18n.js';
import { echarts } from '../../components/charts.js';
import type { ProblemStats } from './api.js';
import { deptChartOption, monthChartOption } from './stats-chart-options.js';

/** Per department: 按期答复率 (% axis) beside 逾期未办 (count axis). */
export function DeptChart({ stats }: { stats: ProblemStats }) {
  const { tr } = useI18n();
  const option = useMemo(() => deptChartOption(stats, tr), [stats, tr]);
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: Math.max(260, stats.byDept.length * 36 + 64) }}
      option={option}
      notMerge
    />
  );
}

/** Per month raised: the three rates (lines, % axis) and the number of problems (bars, count axis). */
export function MonthChart({ stats }: { stats: ProblemStats }) {
  const { tr } = useI18n();
  const option = useMemo(() => monthChartOption(stats, tr), [stats, tr]);
  return <ReactEChartsCore echarts={echarts} style={{ height: 320 }} option={option} notMerge />;
}
