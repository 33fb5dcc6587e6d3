import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useI18n } from '../../app/i18n.js';
import { echarts } from '../../components/charts.js';
import { PALETTE, type ProposalList, type ProposalRow } from './api.js';

/** The proposals' units on a scatter of coordinates, with the units no proposal could take. */
export function ProposalMap({ proposals, leftOver }: { proposals: ProposalRow[]; leftOver: ProposalList['leftOver'] }) {
  const { tr, lang } = useI18n();
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: {
          seriesName: string;
          data: { name: string; members: number; industry: string | null; reasons?: string };
        }) =>
          `<b>${p.seriesName}</b><br/>${p.data.name}（${p.data.industry ?? ''}，${tr('正式党员', 'formal members')} ${p.data.members}）${p.data.reasons ? `<br/>${p.data.reasons}` : ''}`,
      },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'value', scale: true, name: tr('经度', 'lng') },
      yAxis: { type: 'value', scale: true, name: tr('纬度', 'lat') },
      series: [
        ...proposals.map((p, i) => ({
          name: `${p.name}${p.status === 'open' ? '' : `（${p.status === 'accepted' ? tr('已采纳', 'accepted') : tr('已否决', 'rejected')}）`}`,
          type: 'scatter',
          symbolSize: (v: number[]) => 10 + (v[2] ?? 0) * 5,
          itemStyle: { color: PALETTE[i % PALETTE.length], opacity: p.status === 'rejected' ? 0.3 : 0.9 },
          data: p.units.map((u) => ({
            value: [u.lng, u.lat, u.members],
            name: u.name,
            members: u.members,
            industry: u.industry,
            reasons: p.reasons.map((r) => r[lang]).join('<br/>'),
          })),
        })),
        {
          name: tr('暂无可联合的单位', 'No partner nearby'),
          type: 'scatter',
          symbol: 'diamond',
          itemStyle: { color: '#999' },
          data: leftOver
            .filter((u) => u.lng !== null)
            .map((u) => ({ value: [u.lng, u.lat, u.members], name: u.name, members: u.members, industry: null })),
        },
      ],
    }),
    [proposals, leftOver, lang, tr],
  );
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 420 }} notMerge />;
}
