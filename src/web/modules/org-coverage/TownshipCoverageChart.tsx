import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useI18n } from '../../app/i18n.js';
import { echarts } from '../../components/charts.js';
import type { CoverageOverview } from './api.js';
import { townshipChartHeight, townshipCoverageOption } from './coverage-chart-options.js';

/** 各镇覆盖率 as bars (no base map needed). */
export function TownshipCoverageChart({ overview }: { overview: CoverageOverview }) {
  const { tr } = useI18n();
  const option = useMemo(
    () => ({
      ...townshipCoverageOption(overview, tr),
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (
          ps: Array<{ seriesName: string; name: string; data: { value: number; covered: number; units: number } }>,
        ) =>
          [
            ps[0]?.name ?? '',
            ...ps.map((p) => `${p.seriesName}：${p.data.value}%（${p.data.covered} / ${p.data.units}）`),
          ].join('<br/>'),
      },
    }),
    [overview, tr],
  );
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height: townshipChartHeight(overview) }}
      notMerge
      data-testid="township-coverage-chart"
    />
  );
}
