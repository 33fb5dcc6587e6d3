import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useI18n } from '../../app/i18n.js';
import type { ProblemStats } from './api.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const asPct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** Per department: on-time answer rate (bars) and counts; per month: the three rates (lines). */
export function DeptChart({ stats }: { stats: ProblemStats }) {
  const { tr } = useI18n();
  const depts = stats.byDept;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: Math.max(260, depts.length * 36) }}
      option={{
        tooltip: { trigger: 'axis' },
        legend: { data: [tr('按期答复率 %', 'On-time answers %'), tr('逾期未办', 'Open overdue')] },
        grid: { left: 120, right: 40, top: 36, bottom: 24 },
        xAxis: [
          { type: 'value', max: 100 },
          { type: 'value', position: 'top', show: false },
        ],
        yAxis: { type: 'category', data: depts.map((d) => d.name), inverse: true },
        series: [
          {
            name: tr('按期答复率 %', 'On-time answers %'),
            type: 'bar',
            data: depts.map((d) => asPct(d.answerOnTimeRate)),
            itemStyle: { color: '#1677ff' },
            label: { show: true, position: 'right', formatter: '{c}%' },
          },
          {
            name: tr('逾期未办', 'Open overdue'),
            type: 'bar',
            xAxisIndex: 1,
            data: depts.map((d) => d.openOverdue),
            itemStyle: { color: '#ff4d4f' },
          },
        ],
      }}
    />
  );
}

export function MonthChart({ stats }: { stats: ProblemStats }) {
  const { tr } = useI18n();
  const m = stats.byMonth;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 300 }}
      option={{
        tooltip: { trigger: 'axis' },
        legend: {
          data: [
            tr('按期办结率', 'On-time rate'),
            tr('限期反馈率', 'Feedback rate'),
            tr('满意率', 'Satisfaction'),
            tr('问题数', 'Problems'),
          ],
        },
        grid: { left: 48, right: 48, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: m.map((x) => x.month) },
        yAxis: [
          { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          { type: 'value', name: tr('件', 'n') },
        ],
        series: [
          { name: tr('按期办结率', 'On-time rate'), type: 'line', data: m.map((x) => asPct(x.onTimeRate)) },
          { name: tr('限期反馈率', 'Feedback rate'), type: 'line', data: m.map((x) => asPct(x.feedbackRate)) },
          { name: tr('满意率', 'Satisfaction'), type: 'line', data: m.map((x) => asPct(x.satisfactionRate)) },
          {
            name: tr('问题数', 'Problems'),
            type: 'bar',
            yAxisIndex: 1,
            data: m.map((x) => x.total),
            itemStyle: { color: '#d9d9d9' },
          },
        ],
      }}
    />
  );
}
