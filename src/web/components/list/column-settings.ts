/** Column settings (列设置): which columns of a list a user hides, kept in the browser per user and list. */

export interface KeyedColumn {
  key?: unknown;
  dataIndex?: unknown;
  hidden?: boolean;
}

type ReadStore = Pick<Storage, 'getItem'>;
type WriteStore = Pick<Storage, 'setItem' | 'removeItem'>;

/** The localStorage key: one entry per user and list, so a shared computer keeps each user's choice. */
export function columnSettingsKey(userId: number | string, listId: string): string {
  return `xf.columns.${userId}.${listId}`;
}

/** A column's stable id: its key, else its dataIndex (a path joins with "."). */
export function columnId(c: KeyedColumn): string | undefined {
  if (typeof c.key === 'string' || typeof c.key === 'number') return String(c.key);
  if (Array.isArray(c.dataIndex)) return c.dataIndex.join('.');
  if (typeof c.dataIndex === 'string' || typeof c.dataIndex === 'number') return String(c.dataIndex);
  return undefined;
}

/** The hidden column ids saved for this key; anything unreadable (old format, edited by hand) reads as none. */
export function readHidden(store: ReadStore, key: string): string[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves the hidden ids; showing every column again removes the entry. */
export function writeHidden(store: WriteStore, key: string, hidden: readonly string[]): void {
  if (hidden.length === 0) store.removeItem(key);
  else store.setItem(key, JSON.stringify([...new Set(hidden)].sort()));
}

/** The columns with `hidden` set from the saved ids; a column the page always shows (`fixed`) is never hidden. */
export function applyHidden<C extends KeyedColumn & { fixed?: unknown }>(
  columns: readonly C[],
  hidden: readonly string[],
): C[] {
  const set = new Set(hidden);
  return columns.map((c) => {
    const id = columnId(c);
    return id !== undefined && set.has(id) && !c.fixed ? { ...c, hidden: true } : c;
  });
}
