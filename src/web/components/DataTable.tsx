import type { ReactNode } from 'react';
import { Grid, Table as AntTable, type TableProps } from 'antd';
import type { Breakpoint } from 'antd/es/_util/responsiveObserver';

/** Room a column without a declared width needs to stay readable (a title, a name, a sentence). */
export const FLEX_COLUMN_WIDTH = 220;
/** Room a column with neither width nor much text gets (a tag, a number). */
const DEFAULT_COLUMN_WIDTH = 120;

interface ColumnLike {
  width?: number | string;
  minWidth?: number;
  responsive?: Breakpoint[];
  ellipsis?: unknown;
  children?: ColumnLike[];
  hidden?: boolean;
}

/**
 * The width a table needs before a column gets squeezed: the declared widths of the columns shown at this
 * screen size, plus {@link FLEX_COLUMN_WIDTH} for each column without one.
 */
export function neededWidth(columns: readonly ColumnLike[], shown: (bps: Breakpoint[]) => boolean): number {
  return columns
    .filter((c) => !c.hidden && (!c.responsive || shown(c.responsive)))
    .reduce((sum, c) => {
      if (c.children?.length) return sum + neededWidth(c.children, shown);
      if (typeof c.width === 'number') return sum + c.width;
      if (typeof c.width === 'string' && /^\d+(px)?$/.test(c.width)) return sum + parseInt(c.width, 10);
      if (typeof c.minWidth === 'number') return sum + c.minWidth;
      return sum + (c.ellipsis ? DEFAULT_COLUMN_WIDTH : FLEX_COLUMN_WIDTH);
    }, 0);
}

/**
 * antd's Table for every list: unless the page says otherwise, the table is at least as wide as its columns
 * need (scroll.x) and scrolls sideways inside its card on a narrow screen, instead of squeezing a column
 * without a width to one character (问题 titles ran vertically) or widening the page past the phone.
 */
function DataTable<T extends object>({ mobileCard, ...props }: DataTableProps<T>) {
  const screens = Grid.useBreakpoint();
  const shown = (bps: Breakpoint[]) => bps.some((b) => screens[b]);
  if (mobileCard && screens.md === false)
    // one card per row, same data, paging, loading and empty text; no header, no sideways scrolling
    return (
      <AntTable<T>
        {...props}
        className={['xf-card-list', props.className].filter(Boolean).join(' ')}
        showHeader={false}
        scroll={undefined}
        summary={undefined}
        columns={[{ key: 'card', render: (_: unknown, row: T) => mobileCard(row) }]}
      />
    );
  const x = props.scroll?.x ?? neededWidth((props.columns ?? []) as ColumnLike[], shown);
  return <AntTable<T> {...props} scroll={{ ...props.scroll, x }} />;
}

export interface DataTableProps<T> extends TableProps<T> {
  /**
   * On a phone (below md) the rows show as this card instead of the table's columns (decision 029): the
   * fields a person on site needs, the title as the link, large enough to tap.
   */
  mobileCard?: (row: T) => ReactNode;
}
DataTable.Summary = AntTable.Summary;

export { DataTable as Table };
