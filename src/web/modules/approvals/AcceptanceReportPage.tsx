import { Button, Card, Col, DatePicker, Row, Space, Statistic } from 'antd';
import { Table } from '../../components/DataTable.js';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { echarts } from '../../components/charts.js';
import { download, get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { serverToday } from '../../app/server-clock.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import type { AcceptanceReport } from '../../../shared/api/approvals.js';

type Report = AcceptanceReport;

/** 验收时长统计: working days per acceptance across projects, against the target and the 30 days before the reform. */
export default function AcceptanceReportPage() {
  const { tr, lang } = useI18n();
  const year = Number(serverToday().slice(0, 4));
  const [f, setF] = useUrlState({ from: `${year}-01-01`, to: `${year}-12-31` });
  const q = useQuery({
    queryKey: ['acceptance-report', f, lang],
    queryFn: () => get<Report>('/api/approvals/acceptance-report', f),
  });
  const r = q.data;
  const option = {
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, data: [tr('平均用时', 'Average'), tr('改革前', 'Before reform')] },
    xAxis: { type: 'category' as const, data: (r?.byMonth ?? []).map((m) => m.month) },
    yAxis: { type: 'value' as const, name: tr('工作日', 'working days') },
    series: [
      {
        name: tr('平均用时', 'Average'),
        type: 'bar' as const,
        data: (r?.byMonth ?? []).map((m) => m.average),
        itemStyle: { color: '#52c41a' },
      },
      {
        name: tr('改革前', 'Before reform'),
        type: 'line' as const,
        data: (r?.byMonth ?? []).map(() => r?.baselineDays),
        lineStyle: { type: 'dashed' as const, color: '#f5222d' },
        symbol: 'none',
      },
    ],
  };
  const cols = [
    { title: tr('件数', 'Count'), dataIndex: 'count', width: 70 },
    { title: tr('平均（工作日）', 'Average (wd)'), dataIndex: 'average', width: 110 },
    { title: tr('中位数', 'Median'), dataIndex: 'median', width: 80 },
    { title: tr('最长', 'Max'), dataIndex: 'max', width: 70 },
    {
      title: tr('按时率', 'In time'),
      dataIndex: 'withinTargetRate',
      width: 80,
      render: (v: number | null) => `${v ?? '—'}%`,
    },
  ];
  return (
    <Card
      title={tr('验收时长统计（工作日）', 'Acceptance durations (working days)')}
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => download('/api/approvals/acceptance-report/export', f)}>
          {tr('导出 Excel', 'Export Excel')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          value={[dayjs(f.from), dayjs(f.to)]}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setF({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={tr('验收件数', 'Acceptances')} value={r?.overall.count ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={tr('平均用时（工作日）', 'Average (wd)')}
            value={r?.overall.average ?? '—'}
            styles={{ content: { color: '#52c41a' } }}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={tr('改革前（工作日）', 'Before the reform (wd)')} value={r?.baselineDays ?? 30} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={tr('承诺时限内办结', 'Within target')}
            value={r?.overall.withinTargetRate ?? '—'}
            suffix="%"
          />
        </Col>
      </Row>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 260, marginTop: 16 }} notMerge />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            title={() => tr('按事项', 'By item')}
            dataSource={r?.byItem ?? []}
            columns={[{ title: tr('事项', 'Item'), dataIndex: 'name' }, ...cols]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Table
            size="small"
            rowKey="department"
            pagination={false}
            title={() => tr('按部门', 'By department')}
            dataSource={r?.byDepartment ?? []}
            columns={[{ title: tr('部门', 'Department'), dataIndex: 'department' }, ...cols]}
          />
        </Col>
      </Row>
      <Table
        style={{ marginTop: 16 }}
        size="small"
        rowKey="id"
        title={() => tr('明细', 'Details')}
        dataSource={r?.rows ?? []}
        scroll={{ x: 800 }}
        columns={[
          { title: tr('项目', 'Project'), render: (_, x) => x.project.name },
          { title: tr('事项', 'Item'), dataIndex: 'name' },
          { title: tr('部门', 'Department'), dataIndex: 'department' },
          { title: tr('申报', 'Submitted'), dataIndex: 'submittedOn', width: 110 },
          { title: tr('办结', 'Completed'), dataIndex: 'completedOn', width: 110 },
          { title: tr('用时/时限', 'Used / target'), width: 100, render: (_, x) => `${x.usedDays} / ${x.targetDays}` },
        ]}
      />
    </Card>
  );
}
