// Serves the built terminal PWA (apps/terminal/dist) at `/`: index.html for `/` and any other path
// that is not an API, no-cache for index.html and the service worker so updates are seen, and
// immutable caching for Vite's hashed assets. A hand-written handler (not @fastify/static) because
// the cache rules and the SPA fallback are the whole job and fit in one small file.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Paths owned by the APIs: never answered with the app, so a typo gets the API's JSON 404. */
const API_PATHS = /^\/(api|device)(\/|$)/;
const NO_CACHE = new Set(['/index.html', '/sw.js', '/manifest.webmanifest']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

const MISSING_BUILD = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shelfsync terminal</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem; line-height: 1.5">
<h1>The terminal app is not built yet</h1>
<p>Run <code>npm run build -w @shelfsync/terminal</code> and reload this page.</p>
<p>Приложение терминала ещё не собрано: выполните <code>npm run build -w @shelfsync/terminal</code>.</p>
</body></html>
`;

interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

async function fileAt(path: string): Promise<FoundFile | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** The file under `root` for a URL path, or undefined for traversal attempts and odd encodings. */
function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = resolve(root, `.${decoded}`);
  return full === root || full.startsWith(root + sep) ? full : undefined;
}

function cacheControl(urlPath: string): string {
  if (NO_CACHE.has(urlPath)) return 'no-cache';
  if (urlPath.startsWith('/assets/')) return IMMUTABLE;
  return 'public, max-age=3600';
}

function sendFile(request: FastifyRequest, reply: FastifyReply, file: FoundFile, urlPath: string) {
  const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  reply
    .header('Content-Type', CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream')
    .header('Cache-Control', cacheControl(urlPath))
    .header('ETag', etag)
    .header('X-Content-Type-Options', 'nosniff');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  reply.header('Content-Length', file.size);
  return reply.send(createReadStream(file.path));
}

/** Where `npm run build -w @shelfsync/terminal` writes the PWA, as seen from this checkout. */
export const TERMINAL_APP_DIST = fileURLToPath(new URL('../../terminal/dist', import.meta.url));

export function registerTerminalApp(app: FastifyInstance, distDir: string = TERMINAL_APP_DIST): void {
  const root = resolve(distDir);
  const indexPath = join(root, 'index.html');

  app.get('/*', async (request, reply) => {
    const urlPath = (request.url.split('?')[0] ?? '/').replace(/\/{2,}/g, '/');
    if (API_PATHS.test(urlPath)) return reply.callNotFound();
    // The app answers unknown paths only for a browser opening a page (a deep link); API clients and
    // scripts asking for something that is not there get the usual JSON 404.
    const page = urlPath === '/' || (request.headers.accept ?? '').includes('text/html');
    const index = await fileAt(indexPath);
    if (!index) {
      if (!page) return reply.callNotFound();
      return reply
        .header('Content-Type', 'text/html; charset=utf-8')
        .header('Cache-Control', 'no-cache')
        .send(MISSING_BUILD);
    }
    const target = urlPath === '/' ? undefined : resolveInside(root, urlPath);
    const file = target ? await fileAt(target) : undefined;
    if (file) return sendFile(request, reply, file, urlPath);
    // A missing asset must not be answered with HTML: the browser would cache it as a script.
    if (!page || extname(urlPath) !== '' || (target === undefined && urlPath !== '/'))
      return reply.callNotFound();
    return sendFile(request, reply, index, '/index.html');
  });
}
