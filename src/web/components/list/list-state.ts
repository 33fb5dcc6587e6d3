/** A value a list keeps in the URL: a filter, the sort, the page. */
export type UrlValue = string | number | undefined;
export type ListDefaults = Record<string, UrlValue>;

/** Keys that are paging, not filtering: changing them keeps the page; the export ignores them. */
const PAGING = new Set(['page', 'pageSize']);

/**
 * Reads a list's state from the query string. A key whose default is a number, or whose name ends in `Id`
 * (an org, a department, a leader picked in a select whose option values are numbers), reads as a number;
 * anything unparsable falls back to the default, so a hand-edited link never breaks the page.
 */
export function readListState<T extends ListDefaults>(params: URLSearchParams, defaults: T): T {
  const out: Record<string, UrlValue> = { ...defaults };
  for (const [k, def] of Object.entries(defaults)) {
    const raw = params.get(k);
    if (raw === null || raw === '') continue;
    if (typeof def === 'number' || k.endsWith('Id')) {
      const n = Number(raw);
      out[k] = Number.isFinite(n) ? n : def;
    } else out[k] = raw;
  }
  return out as T;
}

/**
 * The next query string after `patch`: empty values leave the URL, and any change to a filter or the sort goes
 * back to page 1 (page 3 of another filter is rarely what was meant). Keys the list does not own stay.
 */
export function writeListState(prev: URLSearchParams, patch: Record<string, UrlValue | null>): URLSearchParams {
  const next = new URLSearchParams(prev);
  const touchesFilter = Object.keys(patch).some((k) => !PAGING.has(k));
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null || v === '') next.delete(k);
    else next.set(k, String(v));
  }
  if (touchesFilter && !('page' in patch)) next.delete('page');
  return next;
}

/** The patch that clears every filter and the sort of a list (the 重置 button); paging goes back to page 1. */
export function resetPatch(defaults: ListDefaults): Record<string, undefined> {
  return Object.fromEntries(Object.keys(defaults).map((k) => [k, undefined]));
}

/** What the export and the list share: the state without page and pageSize, empty values dropped. */
export function filtersOf<T extends ListDefaults>(state: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(state).filter(([k, v]) => !PAGING.has(k) && v !== undefined && v !== ''),
  ) as Partial<T>;
}

/** How many filters differ from the page's defaults (the number on the phone's 筛选 button); sort is not one. */
export function activeFilterCount(state: ListDefaults, defaults: ListDefaults, ignore: readonly string[] = []): number {
  return Object.keys(defaults).filter(
    (k) => !PAGING.has(k) && k !== 'sort' && !ignore.includes(k) && state[k] !== undefined && state[k] !== defaults[k],
  ).length;
}

/** "a,b" in the URL → ["a","b"] in a multiple select. */
export function splitList(v: UrlValue): string[] | undefined {
  return v === undefined || v === '' ? undefined : String(v).split(',');
}

/** A form value as the URL keeps it: text trimmed, an empty choice dropped, several choices joined by ",". */
export function toUrlValue(v: unknown): UrlValue {
  if (Array.isArray(v)) return v.length ? v.map(String).join(',') : undefined;
  if (typeof v === 'string') return v.trim() || undefined;
  return typeof v === 'number' ? v : undefined;
}
