import { useCallback, useEffect, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router';

const storagePrefix = 'haven.list.';

function remembered(path: string): string | null {
  try {
    return window.sessionStorage.getItem(storagePrefix + path);
  } catch {
    return null;
  }
}

function remember(path: string, search: string): void {
  try {
    window.sessionStorage.setItem(storagePrefix + path, search);
  } catch {
    // Not remembered: the list opens unfiltered next time.
  }
}

export interface ListParams<K extends string> {
  filters: Partial<Record<K, string>>;
  page: number;
  /** New filters start again at page 1. */
  search: (filters: Partial<Record<K, string | undefined>>) => void;
  setPage: (page: number) => void;
  /** Another value kept in the address without restarting paging (e.g. the open record). */
  setExtra: (key: string, value: string | undefined) => void;
  extra: (key: string) => string | undefined;
}

/**
 * A list page's filters and page number, kept in the address (so Back, reload and a shared link
 * show the same rows) and remembered for the tab, so coming back to the list from the menu
 * restores the last search.
 */
export function useListParams<K extends string>(keys: readonly K[]): ListParams<K> {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: restores the remembered filters once per page, not on every change of them
  useEffect(() => {
    if (params.toString() !== '') return;
    const last = remembered(pathname);
    if (last) setParams(new URLSearchParams(last), { replace: true });
    // Only when the list is opened without a search of its own, not on every change of it.
  }, [pathname]); // eslint-disable-line react-hooks/exhaustive-deps

  const update = useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(params);
      change(next);
      // A new search or page closes whatever record was open over the list.
      next.delete('open');
      remember(pathname, next.toString());
      setParams(next);
    },
    [params, pathname, setParams],
  );

  const filters = useMemo(() => {
    const result: Partial<Record<K, string>> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value !== null && value !== '') result[key] = value;
    }
    return result;
  }, [params, keys]);

  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  return {
    filters,
    page,
    search: (next) =>
      update((search) => {
        for (const key of keys) {
          const value = next[key];
          if (value === undefined || value === '') search.delete(key);
          else search.set(key, value);
        }
        search.delete('page');
      }),
    setPage: (nextPage) =>
      update((search) => (nextPage <= 1 ? search.delete('page') : search.set('page', String(nextPage)))),
    setExtra: (key, value) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(key);
        else next.set(key, value);
        return next;
      }),
    extra: (key) => params.get(key) ?? undefined,
  };
}
