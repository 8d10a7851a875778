// The server side of the PWA (apps/server/src/terminal-app.ts), tested in-process on a small fake dist.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerTerminalApp } from '@shelfsync/server';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';

let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shelfsync-pwa-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dir, 'sw.js'), 'self.x = 1;');
  await writeFile(join(dir, 'manifest.webmanifest'), '{}');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(dir, 'icon-192.png'), 'png');
  app = Fastify();
  app.get('/api/v1/ping', async () => ({ ok: true }));
  registerTerminalApp(app, dir);
});

afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const PAGE = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

test('/ and unknown app paths opened as pages answer index.html, not cached', async () => {
  for (const url of ['/', '/documents/42', '/settings?x=1']) {
    const res = await app.inject({ url, headers: PAGE });
    expect(res.statusCode, url).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<title>app</title>');
  }
});

test('hashed assets are immutable with the right content type', async () => {
  const res = await app.inject({ url: '/assets/index-abc123.js' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
});

test('service worker and manifest are revalidated, manifest has its own type', async () => {
  const sw = await app.inject({ url: '/sw.js' });
  expect(sw.headers['cache-control']).toBe('no-cache');
  const manifest = await app.inject({ url: '/manifest.webmanifest' });
  expect(manifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
  expect(manifest.headers['cache-control']).toBe('no-cache');
});

test('an unchanged file answers 304 to its ETag', async () => {
  const first = await app.inject({ url: '/sw.js' });
  const again = await app.inject({ url: '/sw.js', headers: { 'if-none-match': String(first.headers.etag) } });
  expect(again.statusCode).toBe(304);
});

test('API paths, missing assets and non-page requests are 404, never the app', async () => {
  expect((await app.inject({ url: '/api/v1/ping' })).json()).toEqual({ ok: true });
  expect((await app.inject({ url: '/api/v1/nope', headers: PAGE })).statusCode).toBe(404);
  expect((await app.inject({ url: '/device/v1/nope', headers: PAGE })).statusCode).toBe(404);
  expect((await app.inject({ url: '/assets/gone-123.js', headers: PAGE })).statusCode).toBe(404);
  expect((await app.inject({ url: '/nope' })).statusCode).toBe(404);
});

test('paths cannot leave the dist folder', async () => {
  for (const url of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd']) {
    const res = await app.inject({ url, headers: PAGE });
    expect(res.body, url).not.toContain('root:');
    expect([200, 404]).toContain(res.statusCode);
  }
});

test('without a build, / says how to build', async () => {
  const bare = Fastify();
  registerTerminalApp(bare, join(dir, 'missing'));
  const res = await bare.inject({ url: '/' });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('npm run build -w @shelfsync/terminal');
  expect((await bare.inject({ url: '/nope' })).statusCode).toBe(404);
  await bare.close();
});
