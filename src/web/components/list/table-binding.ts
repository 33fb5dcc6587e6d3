import type { ColumnType } from 'antd/es/table';
import type { ListDefaults, UrlValue } from './list-state.js';

/**
 * A list column: antd's column plus how it maps onto the list API. `sortKey` is the API's `sort` value this
 * column's header selects (the APIs sort one way per key, so the header offers that one direction);
 * `filterKey` + `filters` put a filter in the column header bound to the same URL key as the query form.
 */
export type ListColumn<T> = ColumnType<T> & {
  sortKey?: string;
  sortDirection?: 'ascend' | 'descend';
  filterKey?: string;
  /** The API takes several values joined by "," (e.g. problem status). */
  filterMultiple?: boolean;
};

/** The antd props of each column for the current state: sortOrder and filteredValue come from the URL. */
export function bindColumns<T>(columns: readonly ListColumn<T>[], state: ListDefaults): ColumnType<T>[] {
  return columns.map(({ sortKey, sortDirection = 'ascend', filterKey, filterMultiple, ...c }) => {
    const out: ColumnType<T> = { ...c };
    if (sortKey) {
      out.key = c.key ?? sortKey;
      out.sorter = true;
      out.sortDirections = [sortDirection];
      out.sortOrder = state.sort === sortKey ? sortDirection : null;
    }
    if (filterKey && c.filters) {
      out.key = out.key ?? filterKey;
      const v = state[filterKey];
      out.filteredValue = v === undefined ? null : String(v).split(',');
      out.filterMultiple = Boolean(filterMultiple);
    }
    return out;
  });
}

interface SorterLike {
  column?: { key?: unknown } | undefined;
  columnKey?: unknown;
  order?: 'ascend' | 'descend' | null;
}

/**
 * The URL patch for antd's Table onChange (header filters, sorter). Paging is the pagination's own
 * onChange; a cleared sort removes `sort`, so the API's default order applies.
 */
export function tableChangePatch<T>(
  columns: readonly ListColumn<T>[],
  state: ListDefaults,
  filters: Record<string, (string | number | boolean | bigint)[] | null>,
  sorter: SorterLike | SorterLike[],
): Record<string, UrlValue> {
  const patch: Record<string, UrlValue> = {};
  for (const c of columns) {
    if (!c.filterKey || !c.filters) continue;
    const key = String(c.key ?? c.filterKey);
    if (!(key in filters)) continue;
    const values = filters[key];
    const next = values && values.length ? values.map(String).join(',') : undefined;
    if (next !== (state[c.filterKey] === undefined ? undefined : String(state[c.filterKey]))) patch[c.filterKey] = next;
  }
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  const sortable = columns.filter((c) => c.sortKey);
  if (s && sortable.length) {
    const col = sortable.find((c) => (c.key ?? c.sortKey) === (s.columnKey ?? s.column?.key));
    const next = s.order && col ? col.sortKey : undefined;
    if (next !== state.sort) patch.sort = next;
  }
  return patch;
}
