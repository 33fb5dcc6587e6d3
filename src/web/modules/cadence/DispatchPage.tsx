import { provisionalReason } from '../../../shared/provisional.js';
import { Alert, Button, Card, DatePicker, Select, Space, Statistic, Tag } from 'antd';
import { Table } from '../../components/DataTable.js';
import { FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { download, get } from '../../app/api.js';
import { serverTodayDayjs } from '../../app/server-clock.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { COLOURS } from '../projects/labels.js';
import { DISPATCH_STATE, previousMonth, type DispatchList, type DispatchRow } from './api.js';

/** 月调度: the month's reports — the commissioner's to confirm, the organisation department's missing list and Word report. */
export default function DispatchPage() {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const manage = can('dispatch.manage');
  const [f, setF] = useUrlState({
    month: previousMonth(),
    state: undefined as string | undefined,
    mine: (manage ? undefined : 'true') as string | undefined,
    page: 1,
    pageSize: 20,
  });
  const q = useQuery({ queryKey: ['dispatch', f, lang], queryFn: () => get<DispatchList>('/api/dispatch', f) });
  const d = q.data;
  return (
    <Card
      title={tr('月调度', 'Monthly dispatch')}
      extra={
        manage && (
          <Button
            icon={<FileWordOutlined />}
            onClick={() => download('/api/dispatch/export', { month: f.month })}
            data-testid="dispatch-export"
          >
            {tr('导出调度报告（Word）', 'Export report (Word)')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${f.month}-01`)}
          onChange={(m) => m && setF({ month: m.format('YYYY-MM') })}
          disabledDate={(m) => m.isAfter(serverTodayDayjs(), 'month')}
        />
        <Select
          allowClear
          placeholder={tr('状态', 'State')}
          style={{ width: 130 }}
          value={f.state}
          onChange={(state: string | undefined) => setF({ state })}
          options={[
            { value: 'missing', label: tr('未确认 / 缺报', 'Missing') },
            { value: 'confirmed', label: tr('已确认', 'Confirmed') },
          ]}
          data-testid="dispatch-state"
        />
        <Select
          allowClear
          placeholder={tr('范围', 'Scope')}
          style={{ width: 150 }}
          value={f.mine}
          onChange={(mine: string | undefined) => setF({ mine })}
          options={[{ value: 'true', label: tr('我负责的项目', 'My projects') }]}
        />
      </Space>
      {d?.provisionalYear && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={tr(
            `截止日期 ${d.dueOn} 为暂定：${provisionalReason(d.provisionalYear).zh}`,
            `The due date ${d.dueOn} is provisional: ${provisionalReason(d.provisionalYear).en}`,
          )}
        />
      )}
      <Space size="large" wrap style={{ marginBottom: 12, display: 'flex' }}>
        <Statistic title={tr('应报项目', 'Owing a report')} value={d?.counts.all ?? 0} />
        <Statistic
          title={tr('已确认', 'Confirmed')}
          value={d?.counts.confirmed ?? 0}
          styles={{ content: { color: '#52c41a' } }}
        />
        <Statistic
          title={tr('未确认 / 缺报', 'Missing')}
          value={d?.counts.missing ?? 0}
          styles={{ content: { color: '#f5222d' } }}
        />
        <Statistic title={tr('截止日期（次月第 5 个工作日）', 'Due (5th working day)')} value={d?.dueOn ?? '—'} />
      </Space>
      <Table<DispatchRow>
        rowKey={(r) => r.project.id}
        size="middle"
        loading={q.isFetching}
        dataSource={d?.data ?? []}
        scroll={{ x: 760 }}
        locale={{ emptyText: tr('本月没有需要调度的项目', 'No project owes a report this month') }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: d?.total ?? 0,
          onChange: (page, pageSize) => setF({ page, pageSize }),
        }}
        mobileCard={(r) => (
          <div className="xf-row-card" data-testid="dispatch-card">
            <div className="xf-row-card-title">
              <Link to={`/dispatch/${r.project.id}/${f.month}`} data-testid="dispatch-open">
                {r.project.name}
              </Link>
            </div>
            <div className="xf-row-card-meta">
              <Tag color={DISPATCH_STATE[r.state].color}>
                {tr(DISPATCH_STATE[r.state].zh, DISPATCH_STATE[r.state].en)}
              </Tag>
              <Tag color={COLOURS[r.project.colour].tag}>
                {tr(COLOURS[r.project.colour].zh, COLOURS[r.project.colour].en)}
              </Tag>
              <span>{r.project.township}</span>
              <span>
                {r.confirmedBy ? `${r.confirmedBy} ${r.confirmedAt?.slice(0, 10) ?? ''}` : r.project.commissioner}
              </span>
            </div>
          </div>
        )}
        columns={[
          {
            title: tr('项目', 'Project'),
            render: (_, r) => (
              <Link to={`/dispatch/${r.project.id}/${f.month}`} data-testid="dispatch-open">
                {r.project.name}
              </Link>
            ),
          },
          { title: tr('属地', 'Township'), width: 110, render: (_, r) => r.project.township },
          {
            title: tr('预警', 'Colour'),
            width: 70,
            render: (_, r) => (
              <Tag color={COLOURS[r.project.colour].tag}>
                {tr(COLOURS[r.project.colour].zh, COLOURS[r.project.colour].en)}
              </Tag>
            ),
          },
          { title: tr('项目专员', 'Commissioner'), width: 100, render: (_, r) => r.project.commissioner },
          {
            title: tr('状态', 'State'),
            width: 90,
            render: (_, r) => (
              <Tag color={DISPATCH_STATE[r.state].color}>
                {tr(DISPATCH_STATE[r.state].zh, DISPATCH_STATE[r.state].en)}
              </Tag>
            ),
          },
          {
            title: tr('确认', 'Confirmed'),
            width: 160,
            render: (_, r) =>
              r.confirmedBy ? (
                `${r.confirmedBy} ${r.confirmedAt?.slice(0, 10) ?? ''}`
              ) : r.canConfirm ? (
                <Link to={`/dispatch/${r.project.id}/${f.month}`}>{tr('去确认', 'Confirm')}</Link>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}
