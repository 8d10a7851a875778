// The device API answers the app from any origin it is served on (Wi-Fi address or cable), the
// preflight included; the integration API does not.
import { PROTOCOL_VERSION } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { enrollDevice, type Harness, KEY, startHarness } from './testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const WIFI_ORIGIN = 'http://192.168.1.20:8750';

test('a preflight for a device route from another origin is allowed with the headers the app sends', async () => {
  const res = await h.app.inject({
    method: 'OPTIONS',
    url: '/device/v1/pull',
    headers: {
      origin: WIFI_ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
  expect(res.statusCode).toBe(204);
  expect(res.headers['access-control-allow-origin']).toBe('*');
  expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
  expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
  expect(res.headers['access-control-allow-credentials']).toBeUndefined();
});

test('a device call from another origin carries the CORS header; its token still decides', async () => {
  const { auth } = await enrollDevice(h);
  const hello = { protocolVersion: PROTOCOL_VERSION, appVersion: '1.0.0', backlog: 0 };
  const ok = await h.app.inject({
    method: 'POST',
    url: '/device/v1/hello',
    headers: { origin: WIFI_ORIGIN, ...auth },
    payload: hello,
  });
  expect(ok.statusCode).toBe(200);
  expect(ok.headers['access-control-allow-origin']).toBe('*');
  const refused = await h.app.inject({
    method: 'POST',
    url: '/device/v1/hello',
    headers: { origin: WIFI_ORIGIN, authorization: 'Bearer not-a-token' },
    payload: hello,
  });
  expect(refused.statusCode).toBe(401);
  // The error reaches the app's code (readable across origins), so it can show the reason.
  expect(refused.headers['access-control-allow-origin']).toBe('*');
});

test('the integration API does not answer other origins', async () => {
  const pre = await h.app.inject({
    method: 'OPTIONS',
    url: '/api/v1/documents',
    headers: { origin: WIFI_ORIGIN, 'access-control-request-method': 'GET' },
  });
  expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  const res = await h.app.inject({
    method: 'GET',
    url: '/api/v1/documents',
    headers: { origin: WIFI_ORIGIN, ...KEY },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
  // No Vary: Origin outside the device API (it would make the app's precached files miss).
  expect(String(res.headers.vary ?? '')).not.toMatch(/origin/i);
});
