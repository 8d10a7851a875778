// The service worker: precaches the built app so it starts with no network after its first load.
// App shell is cache-first; /device and /api always go to the network (never cached: they carry
// tokens and live data). Built by vite.config.ts, which prepends __PRECACHE__ (version and files).
export {};

declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE__: { version: string; files: string[] };

const CACHE_PREFIX = 'shelfsync-app-';
const CACHE = CACHE_PREFIX + __PRECACHE__.version;
const NETWORK_ONLY = /^\/(device|api)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload` skips the HTTP cache so a new version never precaches an old file.
      await cache.addAll(__PRECACHE__.files.map((f) => new Request(f, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NETWORK_ONLY.test(url.pathname)) return;
  event.respondWith(fromCache(request));
});

async function fromCache(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  // Every page of the app is the same index.html; the app routes inside it.
  const key = request.mode === 'navigate' ? '/index.html' : request;
  const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
  return hit ?? fetch(request);
}
