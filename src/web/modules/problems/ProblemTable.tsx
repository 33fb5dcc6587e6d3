import { Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import type { ProblemItem, ProblemPage } from './api.js';
import { DueTag, StatusTag, categoryLabel, ratingLabel, sourceLabel } from './labels.js';

/** The ledger table used by the ledger, the department queue and the board. */
export function ProblemTable({
  data,
  loading,
  page,
  pageSize,
  onPage,
  compact,
}: {
  data: ProblemPage | undefined;
  loading: boolean;
  page?: number;
  pageSize?: number;
  onPage?: (page: number, pageSize: number) => void;
  compact?: boolean;
}) {
  const { tr } = useI18n();
  const due = (p: ProblemItem) =>
    p.myAssignment && (p.myAssignment.status === 'to_sign' || p.myAssignment.status === 'in_hand') ? (
      <DueTag
        p={{
          answerDue: p.myAssignment.status === 'to_sign' ? p.myAssignment.signDue : p.myAssignment.answerDue,
          slaProvisionalYear: p.myAssignment.provisionalYear,
          dueState: p.myAssignment.dueState,
          timeliness: p.timeliness,
        }}
      />
    ) : (
      <DueTag p={p} />
    );
  // on a phone: a card per problem, the title to tap, then status, deadline and who (decision 029)
  const card = (p: ProblemItem) => (
    <div className="xf-row-card" data-testid="problem-card">
      <div className="xf-row-card-title">
        <Link to={`/problems/${p.id}`} data-testid="problem-link">
          {p.title}
        </Link>
      </div>
      <div className="xf-row-card-meta">
        <StatusTag status={p.status} />
        {due(p)}
        <span>{categoryLabel(p.category, tr)}</span>
      </div>
      <div className="xf-row-card-meta">
        {[p.firm?.name ?? p.project?.name, p.leadDept?.name].filter(Boolean).join(' → ') || p.code}
      </div>
    </div>
  );
  const columns: ColumnsType<ProblemItem> = [
    { title: tr('编号', 'No.'), dataIndex: 'code', width: 130, responsive: ['lg'] },
    {
      title: tr('问题', 'Problem'),
      dataIndex: 'title',
      // the one column that takes the room left; a long title ends in … and shows whole on hover
      minWidth: 220,
      ellipsis: { showTitle: false },
      render: (t: string, p) => (
        <Link to={`/problems/${p.id}`} data-testid="problem-link" title={t}>
          {t}
        </Link>
      ),
    },
    { title: tr('状态', 'Status'), dataIndex: 'status', width: 110, render: (s: string) => <StatusTag status={s} /> },
    {
      title: tr('类别', 'Category'),
      dataIndex: 'category',
      width: 110,
      render: (c: string) => categoryLabel(c, tr),
      responsive: ['md'],
    },
    {
      title: tr('来源', 'Source'),
      dataIndex: 'source',
      width: 100,
      render: (s: string) => sourceLabel(s, tr),
      responsive: ['xl'],
    },
    {
      title: tr('企业/项目', 'Firm / project'),
      width: 200,
      ellipsis: true,
      render: (_, p) => [p.firm?.name, p.project?.name].filter(Boolean).join(' / '),
      responsive: ['md'],
    },
    {
      title: tr('责任单位', 'Lead department'),
      width: 140,
      render: (_, p) => p.leadDept?.name ?? '—',
      responsive: ['md'],
    },
    {
      title: tr('时限', 'Due'),
      width: 130,
      render: (_, p) => due(p),
    },
    ...(compact
      ? []
      : [
          {
            title: tr('提出时间', 'Raised'),
            dataIndex: 'raisedAt',
            width: 150,
            render: (d: string) => formatDateTimeChina(d),
            responsive: ['lg' as const],
          },
          {
            title: tr('满意度', 'Rating'),
            dataIndex: 'rating',
            width: 90,
            render: (r: string | null) => ratingLabel(r, tr),
            responsive: ['xl' as const],
          },
        ]),
  ];
  return (
    <Table<ProblemItem>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      mobileCard={card}
      dataSource={data?.data ?? []}
      locale={{
        emptyText: <Typography.Text type="secondary">{tr('没有符合条件的问题', 'No problems match')}</Typography.Text>,
      }}
      pagination={
        onPage
          ? {
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              // Above the server's count cap the total is the planner's estimate: say so.
              showTotal: (n) =>
                data?.totalExact === false
                  ? tr(`约 ${n.toLocaleString('zh-CN')} 条`, `about ${n.toLocaleString('en')}`)
                  : tr(`共 ${n} 条`, `${n} in total`),
              onChange: onPage,
            }
          : false
      }
    />
  );
}
