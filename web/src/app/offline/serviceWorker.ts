/**
 * Registers the service worker (web/public/sw.js) in a built app: the app shell and the assets the
 * page loads are kept for a phone without a signal. Not in development (Vite serves unhashed modules).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(async () => {
        const ready = await navigator.serviceWorker.ready;
        // What loaded before the worker controlled the page is cached too.
        const urls = performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name).pathname)
          .filter((path) => path.startsWith('/assets/'));
        ready.active?.postMessage({ type: 'cache-assets', urls });
      })
      .catch(() => undefined);
  });
}
