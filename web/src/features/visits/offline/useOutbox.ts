import { useEffect, useSyncExternalStore } from 'react';
import { outboxSnapshot, subscribeOutbox, syncOutbox, whenOnlineSync } from './outbox';

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Whether the phone has a network, as the browser knows it. */
export const useOnline = () => useSyncExternalStore(subscribeOnline, () => navigator.onLine);

/** The outbox as it is now; sends what is queued when the page opens and whenever the network returns. */
export function useOutbox() {
  const items = useSyncExternalStore(subscribeOutbox, outboxSnapshot);
  useEffect(() => {
    if (navigator.onLine) void syncOutbox().catch(() => undefined);
    return whenOnlineSync();
  }, []);
  return items;
}
