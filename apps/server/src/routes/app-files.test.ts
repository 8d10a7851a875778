import { PROTOCOL_VERSION } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { codeOf, enrollDevice, type Harness, KEY, startHarness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const b64 = (text: string) => Buffer.from(text).toString('base64');
const upload = (version: string, files: object[]) =>
  h.app.inject({
    method: 'PUT',
    url: `/api/v1/app-versions/${version}/files`,
    headers: KEY,
    payload: { files },
  });

test('a version’s built app is uploaded, named in hello and served under /app/<version>/', async () => {
  const { auth } = await enrollDevice(h);
  await h.app.inject({
    method: 'POST',
    url: '/api/v1/app-versions',
    headers: KEY,
    payload: { version: '1.1.0', minProtocol: 1 },
  });
  await h.app.inject({
    method: 'PUT',
    url: '/api/v1/device-groups/stable/app-version',
    headers: KEY,
    payload: { version: '1.1.0' },
  });
  const hello = async () =>
    (
      await h.app.inject({
        method: 'POST',
        url: '/device/v1/hello',
        headers: auth,
        payload: { protocolVersion: PROTOCOL_VERSION, appVersion: '1.0.0' },
      })
    ).json().app;
  expect(await hello()).toEqual({ version: '1.1.0' });

  const stored = await upload('1.1.0', [
    { path: 'index.html', base64: b64('<!doctype html><title>1.1.0</title>') },
    { path: 'assets/app-3f2a.js', base64: b64('console.log(1)') },
  ]);
  expect(stored.json()).toEqual({ stored: 2 });
  expect(await hello()).toEqual({ version: '1.1.0', url: '/app/1.1.0/' });

  const index = await h.app.inject({ method: 'GET', url: '/app/1.1.0/' });
  expect(index.statusCode).toBe(200);
  expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(index.headers['cache-control']).toBe('no-cache');
  expect(index.body).toContain('<title>1.1.0</title>');
  const asset = await h.app.inject({ method: 'GET', url: '/app/1.1.0/assets/app-3f2a.js' });
  expect(asset.body).toBe('console.log(1)');
  expect(asset.headers['cache-control']).toContain('immutable');
  expect((await h.app.inject({ method: 'GET', url: '/app/1.1.0/missing.js' })).statusCode).toBe(404);
  expect((await h.app.inject({ method: 'GET', url: '/app/9.9.9/' })).statusCode).toBe(404);
});

test('uploads need a registered version and relative paths', async () => {
  await h.app.inject({
    method: 'POST',
    url: '/api/v1/app-versions',
    headers: KEY,
    payload: { version: '1.1.0', minProtocol: 1 },
  });
  expect(codeOf(await upload('2.0.0', [{ path: 'index.html', base64: '' }]))).toBe('APP_VERSION_NOT_FOUND');
  for (const path of ['../etc/passwd', '/abs.js', 'a/../../b.js', 'a\\b.js']) {
    expect(codeOf(await upload('1.1.0', [{ path, base64: '' }]))).toBe('REQ_VALIDATION');
  }
  const anonymous = await h.app.inject({
    method: 'PUT',
    url: '/api/v1/app-versions/1.1.0/files',
    payload: { files: [{ path: 'index.html', base64: '' }] },
  });
  expect(codeOf(anonymous)).toBe('AUTH_MISSING');
});
