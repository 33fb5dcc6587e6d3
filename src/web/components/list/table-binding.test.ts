import { describe, expect, it } from 'vitest';
import { bindColumns, tableChangePatch, type ListColumn } from './table-binding.js';

interface Row {
  code: string;
  status: string;
}
const columns: ListColumn<Row>[] = [
  { title: 'code', dataIndex: 'code', sortKey: 'code' },
  { title: 'raised', dataIndex: 'raisedAt', sortKey: 'recent', sortDirection: 'descend' },
  {
    title: 'status',
    dataIndex: 'status',
    filterKey: 'status',
    filterMultiple: true,
    filters: [
      { text: 'a', value: 'a' },
      { text: 'b', value: 'b' },
    ],
  },
];

describe('header sort and filters bound to the URL', () => {
  it('shows the URL sort on its column in the one direction the API sorts', () => {
    const [code, raised, status] = bindColumns(columns, { sort: 'recent', status: 'a,b' });
    expect(code).toMatchObject({ sorter: true, sortOrder: null, sortDirections: ['ascend'] });
    expect(raised).toMatchObject({ sortOrder: 'descend', sortDirections: ['descend'] });
    expect(status).toMatchObject({ filteredValue: ['a', 'b'], filterMultiple: true });
  });

  it('turns a header click into a URL patch', () => {
    const state = { sort: undefined, status: undefined };
    expect(tableChangePatch(columns, state, { status: null }, { columnKey: 'code', order: 'ascend' })).toEqual({
      sort: 'code',
    });
    expect(tableChangePatch(columns, { sort: 'code' }, {}, { columnKey: 'code', order: null })).toEqual({
      sort: undefined,
    });
    expect(tableChangePatch(columns, state, { status: ['b', 'a'] }, {})).toEqual({ status: 'b,a' });
    expect(tableChangePatch(columns, { status: 'a' }, { status: null }, {})).toEqual({ status: undefined });
  });

  it('an unchanged state gives an empty patch (no history entry)', () => {
    expect(
      tableChangePatch(
        columns,
        { sort: 'code', status: 'a' },
        { status: ['a'] },
        { columnKey: 'code', order: 'ascend' },
      ),
    ).toEqual({});
  });
});
