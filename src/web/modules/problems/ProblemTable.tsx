import { Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../app/i18n.js';
import type { ProblemItem, ProblemPage } from './api.js';
import { problemColumns } from './columns.js';
import { problemCard } from './problem-card.js';

/** The ledger's table without the list page's sort and header filters (department queue: its tabs are the filter). */
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
  const columns: ColumnsType<ProblemItem> = problemColumns(tr, compact).map(
    ({ sortKey: _s, sortDirection: _d, filterKey: _f, filterMultiple: _m, filters: _o, ...c }) => c,
  );
  return (
    <Table<ProblemItem>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      mobileCard={problemCard(tr)}
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
