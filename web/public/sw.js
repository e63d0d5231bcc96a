/*
 * Haven's service worker, hand-written (about sixty lines): the app shell and its hashed assets are
 * kept so the visit pages open in a village without a signal. vite-plugin-pwa/Workbox would generate
 * this, but it brings workbox-build (Babel, Rollup) into the build for one cache-first rule and one
 * network-first rule, and its vite 8 support was not established here.
 *
 * - navigation (any page): the network first; offline, the cached index.html (client routes survive)
 * - /assets/* (content-hashed, immutable): the cache first, stored as fetched
 * - /api/*: never touched — the outbox in IndexedDB handles visits, the server decides everything
 */
const shell = 'haven-shell-v1';
const assets = 'haven-assets-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(shell);
      const response = await fetch('/', { cache: 'no-cache' });
      const html = await response.clone().text();
      await cache.put('/', response);
      // The entry scripts and styles index.html names; lazy pages are cached as they load.
      const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      const assetCache = await caches.open(assets);
      await Promise.all(named.map((url) => assetCache.add(url).catch(() => undefined)));
      await cache.addAll(['/favicon.svg', '/manifest.webmanifest']).catch(() => undefined);
    })(),
  );
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([shell, assets]);
      for (const name of await caches.keys()) if (!keep.has(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** The page tells the worker what it loaded before the worker took control (the first visit). */
self.addEventListener('message', (event) => {
  const urls = event.data?.type === 'cache-assets' ? event.data.urls : [];
  const wanted = urls.filter((url) => typeof url === 'string' && url.startsWith('/assets/'));
  event.waitUntil(caches.open(assets).then((cache) => Promise.all(wanted.map((u) => cache.add(u).catch(() => 0)))));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(assets);
        const hit = await cache.match(request);
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      })(),
    );
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (response.ok) await (await caches.open(shell)).put('/', response.clone());
          return response;
        } catch (offline) {
          const cached = await (await caches.open(shell)).match('/');
          if (cached) return cached;
          throw offline;
        }
      })(),
    );
  }
});
