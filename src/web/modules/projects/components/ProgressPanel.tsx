import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Space } from 'antd';
import { Table } from '../../../components/DataTable.js';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { echarts } from '../../../components/charts.js';
import { ApiError, post, put } from '../../../app/api.js';
import { serverTodayDayjs } from '../../../app/server-clock.js';
import { useI18n } from '../../../app/i18n.js';
import type { ProjectDetail } from '../api.js';
import { wan } from '../labels.js';

/** Investment completed by month (chart and table) and, for the commissioner, the two numbers they report. */
export function ProgressPanel({ project }: { project: ProjectDetail }) {
  const { tr } = useI18n();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const done = () => {
    setError(null);
    void qc.invalidateQueries({ queryKey: ['project', project.id] });
  };
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : String(e));
  const progress = useMutation({
    mutationFn: (v: { progress: number }) => post(`/api/projects/${project.id}/progress`, v),
    onSuccess: done,
    onError: fail,
  });
  const invest = useMutation({
    mutationFn: (v: { month: Dayjs; amount: number }) =>
      put(`/api/projects/${project.id}/investments/${v.month.format('YYYY-MM')}`, { amount: v.amount }),
    onSuccess: done,
    onError: fail,
  });
  const option = {
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, data: project.investments.map((i) => i.month) },
    yAxis: { type: 'value' as const, name: tr('万元', '10k ¥') },
    series: [{ type: 'bar' as const, data: project.investments.map((i) => i.amount), itemStyle: { color: '#c8161d' } }],
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" title={error} showIcon />}
      {project.abilities.progress && (
        <Card size="small" title={tr('填报（只需两个数）', 'Report (two numbers)')}>
          <Form
            layout="inline"
            onFinish={(v: { progress: number }) => progress.mutate(v)}
            initialValues={{ progress: project.progress ?? undefined }}
          >
            <Form.Item name="progress" label={tr('形象进度 %', 'Progress %')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Button htmlType="submit" loading={progress.isPending}>
              {tr('更新进度', 'Update')}
            </Button>
          </Form>
          <Form
            layout="inline"
            style={{ marginTop: 8 }}
            onFinish={(v: { month: Dayjs; amount: number }) => invest.mutate(v)}
            initialValues={{ month: serverTodayDayjs().subtract(1, 'month') }}
          >
            <Form.Item name="month" label={tr('月份', 'Month')} rules={[{ required: true }]}>
              <DatePicker picker="month" disabledDate={(d) => d.isAfter(serverTodayDayjs(), 'month')} />
            </Form.Item>
            <Form.Item name="amount" label={tr('完成投资（万元）', 'Invested (10k ¥)')} rules={[{ required: true }]}>
              <InputNumber min={0} />
            </Form.Item>
            <Button htmlType="submit" loading={invest.isPending}>
              {tr('保存', 'Save')}
            </Button>
          </Form>
        </Card>
      )}
      {project.investments.length > 0 && (
        <ReactEChartsCore echarts={echarts} option={option} style={{ height: 240 }} notMerge />
      )}
      <Table
        size="small"
        rowKey="month"
        pagination={false}
        dataSource={[...project.investments].reverse()}
        locale={{
          emptyText: tr(
            '尚无完成投资记录；项目专员每月填报一次',
            'No investment yet; the commissioner reports it monthly',
          ),
        }}
        columns={[
          { title: tr('月份', 'Month'), dataIndex: 'month' },
          {
            title: tr('完成投资（万元）', 'Invested (10k ¥)'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: number) => wan(v),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{tr('累计', 'Total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {wan(project.totalCompleted)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Space>
  );
}
