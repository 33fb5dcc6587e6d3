import { Button, Card, Select, Space, Statistic, Tag, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { PrinterOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import type { BoardPage as Board, Facets } from './api.js';
import { COLOURS, NODE_STATUS, stageLabel } from './labels.js';
import { WarningBadge } from './components/WarningBadge.js';

type Row = Board['data'][number];

/** Hides the shell when printing and lays the board out on A4 landscape. */
const PRINT_CSS = `
@page { size: A4 landscape; margin: 10mm; }
@media print {
  .ant-layout-sider, .ant-layout-header, .no-print, .ant-pagination { display: none !important; }
  .ant-layout-content { margin: 0 !important; }
  .board-table, .board-table * { font-size: 10px !important; }
  .board-table .ant-table-cell { padding: 3px 4px !important; }
  .ant-card { box-shadow: none !important; border: none !important; }
  tr { page-break-inside: avoid; }
}`;

/** 红黄蓝公示栏: every project of the region with its colour, nodes, schedule and responsible people. */
export default function BoardPage() {
  const { tr, lang } = useI18n();
  const [f, setF] = useUrlState({
    colour: undefined as string | undefined,
    townshipId: undefined as number | undefined,
    page: 1,
    pageSize: 50,
  });
  const board = useQuery({ queryKey: ['board', f, lang], queryFn: () => get<Board>('/api/projects/board', f) });
  const facets = useQuery({ queryKey: ['project-facets'], queryFn: () => get<Facets>('/api/projects/facets') });
  const b = board.data;
  const columns: ColumnsType<Row> = [
    { title: tr('预警', 'Colour'), width: 60, render: (_, r) => <WarningBadge warning={r.warning} /> },
    {
      title: tr('项目', 'Project'),
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.canOpen ? (
            <Link to={`/projects/${r.id}`} data-testid="board-project">
              {r.name}
            </Link>
          ) : (
            <span data-testid="board-project">{r.name}</span>
          )}
          <Typography.Text type="secondary">
            {r.code} · {r.township?.name} · {stageLabel(r.stage, tr)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: tr('时间节点', 'Time nodes'),
      render: (_, r) => (
        <Space wrap size={[4, 4]}>
          {r.nodes
            .filter((n) => n.plannedDate || n.actualDate)
            .map((n) => (
              <Tag key={n.id} color={NODE_STATUS[n.status].color}>
                {n.name} {n.actualDate ? `✓${n.actualDate.slice(5)}` : n.plannedDate?.slice(2)}
                {n.lateDays
                  ? tr(
                      `（${n.status === 'delayed' ? '预计晚' : '晚'}${n.lateDays}个工作日）`,
                      ` (${n.lateDays} wd late)`,
                    )
                  : ''}
              </Tag>
            ))}
        </Space>
      ),
    },
    {
      title: tr('进度（实际/计划）', 'Progress (actual/plan)'),
      width: 110,
      render: (_, r) => `${r.progress ?? '—'}% / ${r.warning.plannedProgress ?? '—'}%`,
    },
    {
      title: tr('责任人', 'Responsible'),
      width: 190,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.leader && (
            <span>
              {tr('包联领导', 'Leader')}：{r.leader.name}
            </span>
          )}
          {r.commissioner && (
            <span>
              {tr('项目专员', 'Commissioner')}：{r.commissioner.name}
            </span>
          )}
          {r.leadUnit && (
            <span>
              {tr('牵头单位', 'Lead unit')}：{r.leadUnit.name}
            </span>
          )}
          {r.managerName && (
            <span>
              {tr('项目经理', 'Manager')}：{r.managerName}
            </span>
          )}
        </Space>
      ),
    },
    {
      title: tr('预警原因', 'Why'),
      width: 260,
      render: (_, r) => <span data-testid="board-reason">{r.warning.reasons.map((x) => x.text).join('；')}</span>,
    },
  ];
  return (
    <Card>
      <style>{PRINT_CSS}</style>
      <div style={{ textAlign: 'center' }}>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>
          {b?.region.name} {tr('重点项目红黄蓝公示', 'project warning board')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {tr(`公示日期：${b?.asOf ?? ''}\u3000时间节点、时序进度、责任人员逐一公示`, `As of ${b?.asOf ?? ''}`)}
        </Typography.Text>
      </div>
      <Space wrap style={{ margin: '16px 0', width: '100%', justifyContent: 'center' }} size="large">
        {(['red', 'yellow', 'blue'] as const).map((c) => (
          <Statistic
            key={c}
            title={tr(`${COLOURS[c].zh}色`, COLOURS[c].en)}
            value={b?.counts[c] ?? 0}
            styles={{ content: { color: COLOURS[c].hex } }}
          />
        ))}
      </Space>
      <Space wrap className="no-print" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={tr('预警颜色', 'Colour')}
          style={{ width: 120 }}
          value={f.colour}
          onChange={(colour: string | undefined) => setF({ colour })}
          options={(['red', 'yellow', 'blue'] as const).map((c) => ({
            value: c,
            label: tr(`${COLOURS[c].zh}色`, COLOURS[c].en),
          }))}
        />
        <Select
          allowClear
          placeholder={tr('属地乡镇', 'Township')}
          style={{ width: 150 }}
          value={f.townshipId}
          onChange={(townshipId: number | undefined) => setF({ townshipId })}
          options={(facets.data?.townships ?? []).map((t) => ({ value: t.id, label: t.name }))}
        />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="board-print">
          {tr('打印（A4）', 'Print (A4)')}
        </Button>
      </Space>
      <Table<Row>
        className="board-table"
        rowKey="id"
        size="small"
        bordered
        loading={board.isFetching}
        columns={columns}
        dataSource={b?.data ?? []}
        scroll={{ x: 1000 }}
        locale={{ emptyText: tr('本区域暂无项目', 'No projects in the region') }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: b?.total ?? 0,
          showTotal: (n) => tr(`共 ${n} 个项目`, `${n} projects`),
          onChange: (page, pageSize) => setF({ page, pageSize }),
        }}
      />
    </Card>
  );
}
