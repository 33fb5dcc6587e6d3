import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

type Value = string | number | undefined;

/**
 * List filters, sort and page live in the URL, so a list can be bookmarked, shared and reloaded.
 * Changing any filter goes back to page 1.
 */
export function useUrlState<T extends Record<string, Value>>(defaults: T): [T, (patch: Partial<T>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => {
    const out: Record<string, Value> = { ...defaults };
    for (const [k, def] of Object.entries(defaults)) {
      const raw = params.get(k);
      if (raw === null || raw === '') continue;
      out[k] = typeof def === 'number' ? Number(raw) : raw;
    }
    return out as T;
    // `defaults` is a literal at the call site; only the URL drives changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);
  const update = useCallback(
    (patch: Partial<T>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const touchesFilter = Object.keys(patch).some((k) => k !== 'page' && k !== 'pageSize');
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '' || v === null) next.delete(k);
            else next.set(k, String(v));
          }
          if (touchesFilter && !('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [state, update];
}
