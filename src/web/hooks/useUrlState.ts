import { useListState } from '../components/list/useListState.js';
import type { UrlValue } from '../components/list/list-state.js';

/**
 * List filters, sort and page live in the URL, so a list can be bookmarked, shared and reloaded.
 * Changing any filter goes back to page 1. The older two-value form of {@link useListState}.
 */
export function useUrlState<T extends Record<string, UrlValue>>(defaults: T): [T, (patch: Partial<T>) => void] {
  const { state, set } = useListState(defaults);
  return [state, set];
}
