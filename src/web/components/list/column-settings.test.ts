import { describe, expect, it } from 'vitest';
import { applyHidden, columnId, columnSettingsKey, readHidden, writeHidden } from './column-settings.js';

function memoryStore() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    size: () => m.size,
  };
}

describe('column settings', () => {
  it('persist per user and list', () => {
    const store = memoryStore();
    const a = columnSettingsKey(1, 'problems');
    const b = columnSettingsKey(2, 'problems');
    writeHidden(store, a, ['source', 'rating', 'source']);
    expect(readHidden(store, a)).toEqual(['rating', 'source']);
    expect(readHidden(store, b)).toEqual([]);
    expect(readHidden(store, columnSettingsKey(1, 'users'))).toEqual([]);
  });

  it('showing every column again removes the entry; unreadable entries read as none', () => {
    const store = memoryStore();
    const k = columnSettingsKey(1, 'audit');
    writeHidden(store, k, ['ip']);
    writeHidden(store, k, []);
    expect(store.size()).toBe(0);
    store.setItem(k, '{not json');
    expect(readHidden(store, k)).toEqual([]);
    store.setItem(k, '{"a":1}');
    expect(readHidden(store, k)).toEqual([]);
  });

  it('names a column by key, else by its dataIndex path', () => {
    expect(columnId({ key: 'actions', dataIndex: 'x' })).toBe('actions');
    expect(columnId({ dataIndex: ['leader', 'name'] })).toBe('leader.name');
    expect(columnId({ dataIndex: 'code' })).toBe('code');
    expect(columnId({})).toBeUndefined();
  });

  it('hides the saved columns, never a fixed one', () => {
    const cols = [{ dataIndex: 'name', fixed: 'left' }, { dataIndex: 'code' }, { dataIndex: ['township', 'name'] }];
    const out = applyHidden(cols, ['name', 'township.name']);
    expect(out.map((c) => Boolean((c as { hidden?: boolean }).hidden))).toEqual([false, false, true]);
  });
});
