import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { openServer } from './open-server.js';

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'shelfsync-open-')), 'data');
  vi.stubEnv('SHELFSYNC_API_KEY', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(join(dir, '..'), { recursive: true, force: true });
});

test('openServer creates the data dir and a private API key, listens on a free port and reuses the key', async () => {
  const server = await openServer({ dataDir: dir, port: 0 });
  try {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
    const file = join(dir, 'api-key');
    expect((await readFile(file, 'utf8')).trim()).toBe(server.apiKey);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'shelfsync.db'))).isFile()).toBe(true);

    const ok = await fetch(`${server.url}/api/v1/devices`, {
      headers: { authorization: `Bearer ${server.apiKey}` },
    });
    expect(ok.status).toBe(200);
    const denied = await fetch(`${server.url}/api/v1/devices`, { headers: { authorization: 'Bearer x' } });
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('AUTH_INVALID_KEY');
  } finally {
    await server.close();
  }
  const again = await openServer({ dataDir: dir, port: 0 });
  try {
    expect(again.apiKey).toBe(server.apiKey);
  } finally {
    await again.close();
  }
});

test('an explicit key wins over the environment, which wins over the stored file', async () => {
  vi.stubEnv('SHELFSYNC_API_KEY', 'from-env');
  const fromEnv = await openServer({ dataDir: dir, port: 0 });
  expect(fromEnv.apiKey).toBe('from-env');
  await fromEnv.close();
  const explicit = await openServer({ dataDir: dir, port: 0, apiKey: 'explicit' });
  try {
    expect(explicit.apiKey).toBe('explicit');
    const res = await fetch(`${explicit.url}/api/v1/devices`, {
      headers: { authorization: 'Bearer explicit' },
    });
    expect(res.status).toBe(200);
  } finally {
    await explicit.close();
  }
});

test('close stops the listener', async () => {
  const server = await openServer({ dataDir: dir, port: 0 });
  await server.close();
  await expect(fetch(`${server.url}/api/v1/devices`)).rejects.toThrow();
});

async function* ndjsonRows(from: number, to: number, badAt = -1): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  for (let i = from; i < to; i++) {
    const row = i === badAt ? { id: `p${i}`, name: '' } : { id: `p${i}`, name: `Product ${i}` };
    yield enc.encode(`${JSON.stringify(row)}\n`);
  }
}

function streamOf(gen: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const next = await gen.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}

test('a catalog upload streams over a real connection; a bad row answers early and stores nothing', async () => {
  const server = await openServer({ dataDir: dir, port: 0 });
  const upload = (body: ReadableStream<Uint8Array>) =>
    fetch(`${server.url}/api/v1/catalog/products`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/x-ndjson' },
      body,
      duplex: 'half',
    } as RequestInit);
  try {
    const ok = await upload(streamOf(ndjsonRows(0, 2000)));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ received: 2000, created: 2000 });

    const bad = await upload(streamOf(ndjsonRows(2000, 6000, 2500)));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'REQ_VALIDATION', details: { index: 500, field: 'name' } },
    });
    expect(await server.store.getCatalogRow('products', 'p2000')).toBeUndefined();
    expect(await server.store.getCatalogRow('products', 'p1999')).toBeDefined();
  } finally {
    await server.close();
  }
});

test('an upload cut off mid-stream stores nothing and the server keeps serving', async () => {
  const server = await openServer({ dataDir: dir, port: 0 });
  try {
    const { request } = await import('node:http');
    const req = request(`${server.url}/api/v1/catalog/products`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/x-ndjson' },
    });
    req.on('error', () => {});
    for await (const chunk of ndjsonRows(0, 500)) req.write(chunk);
    await new Promise((resolve) => setTimeout(resolve, 100));
    req.destroy();
    // Writes queue behind the cut upload, so once this one is answered the cut one has ended.
    const next = await fetch(`${server.url}/api/v1/catalog/products`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ id: 'after', name: 'After' }]),
    });
    expect(next.status).toBe(200);
    expect(await next.json()).toMatchObject({ received: 1, created: 1 });
    expect(await server.store.getCatalogRow('products', 'p0')).toBeUndefined();
  } finally {
    await server.close();
  }
});
