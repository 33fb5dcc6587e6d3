import { useState, type Key, type ReactNode } from 'react';
import { Button, Card, Empty, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { Table, type DataTableProps } from '../DataTable.js';
import { ColumnSettings, useHiddenColumns } from './ColumnSettings.js';
import { applyHidden } from './column-settings.js';
import { activeFilterCount, type ListDefaults, type UrlValue } from './list-state.js';
import { QueryForm, type QueryField, type QuerySearch } from './QueryForm.js';
import { bindColumns, tableChangePatch, type ListColumn } from './table-binding.js';
import type { ListState } from './useListState.js';

export type { ListColumn } from './table-binding.js';
export type { QueryField } from './QueryForm.js';

interface PageLike<T> {
  data: T[];
  total: number;
  /** Above the server's count cap the total is the planner's estimate. */
  totalExact?: boolean;
}

export interface ListPageProps<T extends object, F extends ListDefaults> {
  /** Names the list in the column settings' storage key (`problems`, `users` …). */
  listId: string;
  title: ReactNode;
  list: ListState<F>;
  data: PageLike<T> | undefined;
  loading: boolean;
  columns: ListColumn<T>[];
  rowKey: keyof T & string;
  search?: QuerySearch;
  fields?: QueryField[];
  /** The export endpoint: the 导出 button sends it exactly the list's filters. */
  exportPath?: string;
  /** Replaces the direct download (a large export runs as a task of the 任务中心: tasks/runExport.ts). */
  onExport?: (filters: Record<string, UrlValue>) => unknown;
  exportTestId?: string;
  exportLabel?: string;
  /** Buttons beside 导出 (登记, 新建 …). */
  actions?: ReactNode;
  /** What to do when nothing is listed: a sentence and, where there is one, the button that fixes it. */
  empty: { text: string; action?: ReactNode };
  /** Row selection with batch actions; offered only where the page has a batch action. */
  batch?: (selected: T[], clear: () => void) => ReactNode;
  /** "共 n 条" unless the page names its rows. */
  totalText?: (n: number, exact: boolean) => string;
  /** Passed to the table (scroll, the phone's card per row …). */
  table?: Omit<DataTableProps<T>, 'columns' | 'dataSource' | 'pagination' | 'rowSelection' | 'onChange'>;
  testId?: string;
  /** Shown above the query form (a check's result …). */
  banner?: ReactNode;
  /** Drawers and modals of the page. */
  children?: ReactNode;
}

/**
 * One list page (列表页): query form, header sort and filters, column settings, batch selection, export of
 * exactly what is filtered, paging — all state in the URL (decision 030).
 */
export function ListPage<T extends object, F extends ListDefaults>(p: ListPageProps<T, F>) {
  const { tr } = useI18n();
  const [hidden, setHidden] = useHiddenColumns(p.listId);
  const [selected, setSelected] = useState<T[]>([]);
  const { state } = p.list;
  const set = (patch: Record<string, UrlValue>) => p.list.set(patch as Partial<Record<keyof F, UrlValue>>);
  const columns = applyHidden(bindColumns(p.columns, state), hidden);
  const clear = () => setSelected([]);
  // the one place the export is called: tasks may turn this into a background job
  const onExport = (filters: Record<string, unknown>) =>
    p.onExport
      ? void p.onExport(filters as Record<string, UrlValue>)
      : download(p.exportPath as string, filters as Record<string, string>);
  const exact = p.data?.totalExact !== false;
  const filtered = activeFilterCount(state, p.list.defaults) > 0;
  const totalText =
    p.totalText ??
    ((n: number, ex: boolean) =>
      ex
        ? tr(`共 ${n} 条`, `${n} in total`)
        : tr(`约 ${n.toLocaleString('zh-CN')} 条`, `about ${n.toLocaleString('en')}`));
  return (
    <Card
      title={p.title}
      data-testid={p.testId}
      extra={
        <Space wrap>
          {p.exportPath && (
            <Button icon={<DownloadOutlined />} onClick={() => onExport(p.list.filters)} data-testid={p.exportTestId}>
              {p.exportLabel ?? tr('导出 Excel', 'Export Excel')}
            </Button>
          )}
          {p.actions}
          <ColumnSettings columns={p.columns} hidden={hidden} onChange={setHidden} />
        </Space>
      }
    >
      {p.banner}
      {(p.search || p.fields?.length) && (
        <QueryForm
          search={p.search}
          fields={p.fields ?? []}
          values={state}
          active={activeFilterCount(state, p.list.defaults, p.search ? [p.search.name] : [])}
          onApply={(patch) => (set(patch), clear())}
          onReset={() => (p.list.reset(), clear())}
        />
      )}
      {p.batch && selected.length > 0 && (
        <Space style={{ marginBottom: 12 }} wrap data-testid="batch-bar">
          <Typography.Text>{tr(`已选 ${selected.length} 项`, `${selected.length} selected`)}</Typography.Text>
          {p.batch(selected, clear)}
          <Button type="link" onClick={clear}>
            {tr('取消选择', 'Clear')}
          </Button>
        </Space>
      )}
      <Table<T>
        size="middle"
        {...p.table}
        rowKey={p.rowKey}
        loading={p.loading}
        columns={columns}
        dataSource={p.data?.data ?? []}
        rowSelection={
          p.batch
            ? {
                selectedRowKeys: selected.map((r) => r[p.rowKey] as Key),
                onChange: (_keys, rows) => setSelected(rows),
              }
            : undefined
        }
        onChange={(_pg, filters, sorter, extra) => {
          if (extra.action === 'paginate') return;
          const patch = tableChangePatch(p.columns, state, filters, sorter);
          if (!Object.keys(patch).length) return;
          set(patch);
          clear();
        }}
        locale={{
          // nothing to say while the first page is on its way (the header's buttons are there already)
          emptyText: p.loading ? (
            <span />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                filtered
                  ? tr('没有符合条件的记录，可调整筛选条件或重置', 'Nothing matches; change the filters or reset')
                  : p.empty.text
              }
              data-testid="list-empty"
            >
              {filtered ? (
                <Button onClick={() => (p.list.reset(), clear())}>{tr('重置筛选', 'Reset filters')}</Button>
              ) : (
                p.empty.action
              )}
            </Empty>
          ),
        }}
        pagination={{
          current: Number(state.page ?? 1),
          pageSize: Number(state.pageSize ?? 20),
          total: p.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => totalText(n, exact),
          onChange: (page, pageSize) => (set({ page, pageSize }), clear()),
        }}
      />
      {p.children}
    </Card>
  );
}
