import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  filtersOf,
  readListState,
  resetPatch,
  writeListState,
  type ListDefaults,
  type UrlValue,
} from './list-state.js';

export interface ListState<T extends ListDefaults> {
  /** Filters, sort and page as the URL says (defaults where it says nothing). */
  state: T;
  /** The same without page/pageSize: what the export gets. */
  filters: Partial<T>;
  set(patch: Partial<Record<keyof T, UrlValue | null>>): void;
  /** 重置: every filter and the sort back to the defaults, page 1. */
  reset(): void;
  defaults: T;
}

/**
 * A list's filters, sort and page in the URL: a link can be shared and reloaded, and each change is a
 * history entry, so the browser's back button returns to the previous filter.
 */
export function useListState<T extends ListDefaults>(defaults: T): ListState<T> {
  const [params, setParams] = useSearchParams();
  // `defaults` is a module constant at every call site; only the URL drives changes.
  const state = useMemo(() => readListState(params, defaults), [params]); // eslint-disable-line react-hooks/exhaustive-deps
  const set = useCallback(
    (patch: Partial<Record<keyof T, UrlValue | null>>) =>
      setParams((prev) => writeListState(prev, patch as Record<string, UrlValue | null>)),
    [setParams],
  );
  const reset = useCallback(() => set(resetPatch(defaults) as Partial<Record<keyof T, undefined>>), [set]); // eslint-disable-line react-hooks/exhaustive-deps
  return useMemo(() => ({ state, filters: filtersOf(state), set, reset, defaults }), [state, set, reset]); // eslint-disable-line react-hooks/exhaustive-deps
}
