import { useSyncExternalStore } from 'react';

// Matches ProLayout's own switch to the drawer menu (antd's `md` breakpoint, 768 px).
const phoneQuery = '(max-width: 767.98px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(phoneQuery);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

export function usePhoneLayout(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(phoneQuery).matches);
}
