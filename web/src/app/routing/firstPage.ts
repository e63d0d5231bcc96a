import { useSyncExternalStore } from 'react';

/**
 * Whether the first page has been drawn with its data. What a first screen does not need — the side
 * menu and its drawer, the account menu, the app's font — waits for it, so that on a slow line it does
 * not share the connection with the page's own code and data (docs/performance.md, benchmark 7).
 */
let shown = false;
const listeners = new Set<() => void>();

export function markFirstPageShown(): void {
  if (shown) return;
  shown = true;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export function useFirstPageShown(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => shown,
    () => shown,
  );
}
