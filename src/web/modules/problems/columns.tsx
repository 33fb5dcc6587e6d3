import { Link } from 'react-router-dom';
import type { ListColumn } from '../../components/list/ListPage.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import { PROBLEM_STATUS_LABELS } from '../../../shared/problem-labels.js';
import type { ProblemItem } from './api.js';
import { ProblemDue } from './problem-card.js';
import { StatusTag, categoryLabel, ratingLabel, sourceLabel } from './labels.js';

type Tr = (zh: string, en: string) => string;

/**
 * The ledger's columns (ledger, department queue, board). Sorting by 提出时间 and 时限 is what the API
 * sorts by (sort=recent|due); 状态 filters in its header (the API takes several statuses).
 */
export function problemColumns(tr: Tr, compact = false): ListColumn<ProblemItem>[] {
  return [
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
    {
      title: tr('状态', 'Status'),
      dataIndex: 'status',
      width: 110,
      render: (s: string) => <StatusTag status={s} />,
      filterKey: 'status',
      filterMultiple: true,
      filters: Object.entries(PROBLEM_STATUS_LABELS).map(([value, l]) => ({ text: tr(l.zh, l.en), value })),
    },
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
      key: 'firm',
      width: 200,
      ellipsis: true,
      render: (_, p) => [p.firm?.name, p.project?.name].filter(Boolean).join(' / '),
      responsive: ['md'],
    },
    {
      title: tr('责任单位', 'Lead department'),
      key: 'leadDept',
      width: 140,
      render: (_, p) => p.leadDept?.name ?? '—',
      responsive: ['md'],
    },
    {
      title: tr('时限', 'Due'),
      key: 'due',
      sortKey: 'due',
      width: 130,
      render: (_, p) => <ProblemDue p={p} />,
    },
    ...(compact
      ? []
      : ([
          {
            title: tr('提出时间', 'Raised'),
            dataIndex: 'raisedAt',
            sortKey: 'recent',
            sortDirection: 'descend' as const,
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
        ] satisfies ListColumn<ProblemItem>[])),
  ];
}
