// The service worker: precaches the built app so it starts with no network after its first load.
// App shell is cache-first; /device and /api always go to the network (never cached: they carry
// tokens and live data). Large WebAssembly (the camera fallback) is cached the first time it is
// fetched, in a cache that outlives app versions. Built by vite.config.ts, which prepends
// __PRECACHE__ (version, files to precache, files to cache on first use; paths relative to the scope).
// The same build runs at / and at /app/<version>/ when a base hosts it, so each scope keeps its own
// cache and leaves the other versions' paths to their own workers.
export {};

declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE__: { version: string; files: string[]; onFirstUse: string[] };

const SCOPE = new URL(self.registration.scope);
// Caches are shared by every worker of the origin: the scope's path keeps a hosted version's apart.
const CACHE_PREFIX = SCOPE.pathname === '/' ? 'shelfsync-app-' : `shelfsync-app-${SCOPE.pathname}-`;
const CACHE = CACHE_PREFIX + __PRECACHE__.version;
/** Paths below the scope that are not this build: the APIs, and versions hosted by the base. */
const NOT_OURS = /^(device|api|app)(\/|$)/;

const inScope = (path: string): string => new URL(path, SCOPE).href;

/** This build's own file (or page), as opposed to the APIs and other versions' files. */
function isOurs(url: URL): boolean {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return false;
  return !NOT_OURS.test(url.pathname.slice(SCOPE.pathname.length));
}
/** Not under CACHE_PREFIX, so an app update keeps it; its names are content-hashed. */
const ON_FIRST_USE_CACHE = 'shelfsync-on-first-use';
const ON_FIRST_USE = new Set(__PRECACHE__.onFirstUse.map(inScope));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload` skips the HTTP cache so a new version never precaches an old file.
      await cache.addAll(__PRECACHE__.files.map((f) => new Request(inScope(f), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        // An older build of this scope; never another scope's cache (their names hold a '/').
        const mine = key.startsWith(CACHE_PREFIX) && !key.slice(CACHE_PREFIX.length).includes('/');
        if (mine && key !== CACHE) await caches.delete(key);
      }
      // Files this version no longer uses (an older hashed .wasm) are dropped.
      const lazy = await caches.open(ON_FIRST_USE_CACHE);
      for (const request of await lazy.keys()) {
        const url = new URL(request.url);
        if (isOurs(url) && !ON_FIRST_USE.has(url.origin + url.pathname)) await lazy.delete(request);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!isOurs(url)) return;
  const firstUse = ON_FIRST_USE.has(url.origin + url.pathname);
  event.respondWith(firstUse ? cacheOnFirstUse(request) : fromCache(request));
});

async function cacheOnFirstUse(request: Request): Promise<Response> {
  const cache = await caches.open(ON_FIRST_USE_CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function fromCache(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  // Every page of the app is the same index.html; the app routes inside it.
  const key = request.mode === 'navigate' ? inScope('index.html') : request;
  const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
  return hit ?? fetch(request);
}
