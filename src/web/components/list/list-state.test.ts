import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  filtersOf,
  readListState,
  resetPatch,
  splitList,
  toUrlValue,
  writeListState,
} from './list-state.js';

const defaults = { q: undefined, status: undefined, deptId: undefined, sort: undefined, page: 1, pageSize: 20 } as {
  q?: string;
  status?: string;
  deptId?: number;
  sort?: string;
  page: number;
  pageSize: number;
};

describe('list state in the URL', () => {
  it('round-trips filters, sort and page through the query string', () => {
    const state = { q: '用地', status: 'in_hand,answered', deptId: 7, sort: 'due', page: 3, pageSize: 50 };
    const qs = writeListState(new URLSearchParams(), state);
    expect(readListState(new URLSearchParams(qs.toString()), defaults)).toEqual(state);
  });

  it('reads ids and numbers as numbers, and falls back to the default on garbage', () => {
    const s = readListState(new URLSearchParams('deptId=12&page=x&pageSize=100'), defaults);
    expect(s).toMatchObject({ deptId: 12, page: 1, pageSize: 100 });
    expect(typeof s.deptId).toBe('number');
  });

  it('a filter change goes back to page 1; a page change keeps the filters', () => {
    const prev = new URLSearchParams('status=closed&page=4');
    expect(writeListState(prev, { q: 'x' }).toString()).toBe('status=closed&q=x');
    expect(writeListState(prev, { sort: 'due' }).get('page')).toBeNull();
    expect(writeListState(prev, { page: 5 }).toString()).toBe('status=closed&page=5');
  });

  it('empty values leave the URL, keys the list does not own stay', () => {
    const next = writeListState(new URLSearchParams('tab=2&q=abc&status=closed'), { q: '', status: undefined });
    expect(next.toString()).toBe('tab=2');
  });

  it('重置 clears every filter and the sort', () => {
    const next = writeListState(new URLSearchParams('q=a&status=closed&sort=due&page=3&tab=x'), resetPatch(defaults));
    expect(next.toString()).toBe('tab=x');
  });

  it('the export gets the filters without paging', () => {
    expect(filtersOf({ q: 'a', status: undefined, sort: 'due', page: 2, pageSize: 50 })).toEqual({
      q: 'a',
      sort: 'due',
    });
  });

  it('counts the filters in force, not the sort, the paging or the search box', () => {
    const s = { ...defaults, q: 'x', status: 'closed', deptId: 3, sort: 'due', page: 2 };
    expect(activeFilterCount(s, defaults, ['q'])).toBe(2);
    expect(activeFilterCount(defaults, defaults)).toBe(0);
  });
});

describe('query form values ↔ URL', () => {
  it('joins several choices, trims text, drops empty choices', () => {
    expect(toUrlValue(['in_hand', 'answered'])).toBe('in_hand,answered');
    expect(toUrlValue([])).toBeUndefined();
    expect(toUrlValue('  用地 ')).toBe('用地');
    expect(toUrlValue('   ')).toBeUndefined();
    expect(toUrlValue(7)).toBe(7);
    expect(toUrlValue(null)).toBeUndefined();
    expect(splitList('in_hand,answered')).toEqual(['in_hand', 'answered']);
    expect(splitList(undefined)).toBeUndefined();
  });
});
