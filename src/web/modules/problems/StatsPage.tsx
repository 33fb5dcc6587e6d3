import { Alert, Button, Card, Col, DatePicker, Popover, Row, Space, Statistic } from 'antd';
import { Table } from '../../components/DataTable.js';
import { DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { download, get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { pct, type ProblemStats } from './api.js';
import { DeptChart, MonthChart } from './StatsCharts.js';

/** 统计: 按期办结率, 限期反馈率, 满意率, average working days to close — per department and per month. */
export default function StatsPage() {
  const { tr, lang } = useI18n();
  const [f, setF] = useUrlState({ from: undefined as string | undefined, to: undefined as string | undefined });
  const q = useQuery({
    queryKey: ['problems', 'stats', f],
    queryFn: () => get<ProblemStats>('/api/problems/stats', f),
  });
  const s = q.data;
  const o = s?.overall;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={tr('问题办理统计', 'Problem statistics')}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
              onChange={(r) => setF({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
              placeholder={[tr('提出日期从', 'Raised from'), tr('至', 'to')]}
            />
            <Button icon={<DownloadOutlined />} onClick={() => download('/api/problems/export', f)}>
              {tr('导出台账', 'Export ledger')}
            </Button>
          </Space>
        }
        loading={q.isLoading}
      >
        {q.isError && <Alert type="error" title={(q.error as Error).message} />}
        {o && s && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic
                title={
                  <Space>
                    {tr('按期办结率', 'On-time rate')}
                    <Popover
                      content={<div style={{ maxWidth: 320 }}>{lang === 'zh' ? s.formula.zh : s.formula.en}</div>}
                      trigger="click"
                    >
                      <QuestionCircleOutlined data-testid="stats-formula" />
                    </Popover>
                  </Space>
                }
                value={pct(o.onTimeRate)}
                styles={{ content: { color: o.onTimeRate !== null && o.onTimeRate < 0.9 ? '#cf1322' : '#389e0d' } }}
              />
              <div data-testid="stats-ontime-detail" style={{ fontSize: 12, color: '#888' }}>
                {tr(
                  `${o.closedOnTime} ÷（${o.closed} 办结 + ${o.openOverdue} 逾期未办）`,
                  `${o.closedOnTime} ÷ (${o.closed} closed + ${o.openOverdue} open overdue)`,
                )}
              </div>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={tr('限期反馈率', 'Feedback rate')} value={pct(o.feedbackRate)} />
              <div style={{ fontSize: 12, color: '#888' }}>
                {tr(`${o.feedbackOnTime} ÷ ${o.feedbackDue}`, `${o.feedbackOnTime} ÷ ${o.feedbackDue}`)}
              </div>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={tr('满意率', 'Satisfaction')} value={pct(o.satisfactionRate)} />
              <div style={{ fontSize: 12, color: '#888' }}>
                {tr(`${o.satisfied} ÷ ${o.ratings} 次评价`, `${o.satisfied} ÷ ${o.ratings} ratings`)}
              </div>
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={tr('平均办结用时（工作日）', 'Avg. working days to close')}
                value={o.avgCloseWorkingDays ?? '—'}
              />
              <div style={{ fontSize: 12, color: '#888' }}>
                {tr(`共 ${o.total} 件，截至 ${s.asOf}`, `${o.total} problems, as of ${s.asOf}`)}
              </div>
            </Col>
          </Row>
        )}
      </Card>
      {s && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={tr('各部门按期答复', 'Departments')}>
              <DeptChart stats={s} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={tr('按月（按提出月份）', 'By month raised')}>
              <MonthChart stats={s} />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={tr('部门明细', 'Department details')}>
              <Table
                size="small"
                rowKey="deptId"
                pagination={false}
                // columns as wide as their headers, 2-character ones 4 wide (a fixed 800 px squeezed 派单 on a phone)
                scroll={{ x: 'max-content' }}
                dataSource={s.byDept}
                columns={[
                  { title: tr('部门', 'Department'), dataIndex: 'name' },
                  { title: tr('派单', 'Dispatched'), dataIndex: 'assigned', width: 64 },
                  { title: tr('已答复', 'Answered'), dataIndex: 'answered' },
                  { title: tr('逾期未办', 'Open overdue'), dataIndex: 'openOverdue' },
                  { title: tr('退单', 'Returned'), dataIndex: 'returned', width: 64 },
                  { title: tr('按期答复率', 'On-time answers'), dataIndex: 'answerOnTimeRate', render: pct },
                  {
                    title: tr('平均答复用时（工作日）', 'Avg. working days'),
                    dataIndex: 'avgAnswerWorkingDays',
                    render: (v: number | null) => v ?? '—',
                  },
                  { title: tr('满意率（主办）', 'Satisfaction (lead)'), dataIndex: 'satisfactionRate', render: pct },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
