import { PROTOCOL_VERSION } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { HttpDeviceTransport } from './http-device-transport.js';
import type { FetchLike } from './platform.js';
import { ManualTimers } from './testing/manual-timers.js';
import { TEST_BASE_URL, TestDeviceApi } from './testing/test-device-api.js';
import { receipt, syncedTerminal } from './testing/test-terminal.js';

const WIFI = 'http://wifi-base.test:8080'; // a reserved name: the fake fetch never leaves the process
const USB = 'http://localhost:8080';
const hello = { protocolVersion: PROTOCOL_VERSION, appVersion: 'test' };

function transport(fetch: FetchLike, timers = new ManualTimers(), token = 'token-1') {
  return new HttpDeviceTransport({ urls: [`${WIFI}/`, USB], fetch, timers, timeoutMs: 1000, token });
}

function recording(fetch: FetchLike): { fetch: FetchLike; hosts: string[] } {
  const hosts: string[] = [];
  return {
    hosts,
    fetch: (url, init) => {
      hosts.push(url.startsWith(WIFI) ? 'wifi' : 'usb');
      return fetch(url, init);
    },
  };
}

test('falls back to the cable when Wi-Fi does not answer, then stays on it for the exchange', async () => {
  const api = new TestDeviceApi();
  const { fetch, hosts } = recording(api.fetchAt(USB));
  const t = transport(fetch);
  expect((await t.hello(hello)).baseId).toBe('base-1');
  await t.pull({});
  expect(hosts).toEqual(['wifi', 'usb', 'usb']);
  // A new exchange tries Wi-Fi first again.
  await t.hello(hello);
  expect(hosts).toEqual(['wifi', 'usb', 'usb', 'wifi', 'usb']);
});

test('an error answer is the server speaking: no failover, the code comes through', async () => {
  const api = new TestDeviceApi();
  const { fetch, hosts } = recording(api.fetchAt(WIFI));
  await expect(transport(fetch, undefined, 'wrong').hello(hello)).rejects.toMatchObject({
    code: 'AUTH_INVALID_TOKEN',
    retryable: false,
  });
  expect(hosts).toEqual(['wifi']);
});

test('nobody answering is SYNC_OFFLINE, retryable, naming each address', async () => {
  const down: FetchLike = async () => {
    throw new TypeError('fetch failed');
  };
  const error = await transport(down)
    .hello(hello)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'SYNC_OFFLINE', retryable: true });
  expect((error as { details: { failures: string[] } }).details.failures).toHaveLength(2);
});

test('a base whose database is out of reach (503 STORE_UNAVAILABLE) is retryable, like any 5xx', async () => {
  const storeDown: FetchLike = async () => ({
    ok: false,
    status: 503,
    text: async () =>
      JSON.stringify({ error: { code: 'STORE_UNAVAILABLE', message: 'database restarting' } }),
  });
  await expect(transport(storeDown).push({ mutations: [] })).rejects.toMatchObject({
    code: 'STORE_UNAVAILABLE',
    retryable: true,
  });
});

test('a certificate the terminal does not trust is TLS_UNTRUSTED, not SYNC_OFFLINE', async () => {
  const untrusted: FetchLike = async () => {
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error('self-signed certificate in certificate chain'), {
        code: 'SELF_SIGNED_CERT_IN_CHAIN',
      }),
    });
  };
  const error = await transport(untrusted)
    .enroll({ code: '1234-5678' })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'TLS_UNTRUSTED', retryable: false });
  expect((error as { details: { failures: string[] } }).details.failures[0]).toContain(
    'SELF_SIGNED_CERT_IN_CHAIN',
  );
  // A refused connection stays SYNC_OFFLINE.
  const refused: FetchLike = async () => {
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    });
  };
  await expect(transport(refused).hello(hello)).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
});

test('a server that never answers times out, aborts the request and moves on', async () => {
  const timers = new ManualTimers();
  const api = new TestDeviceApi();
  let aborted = 0;
  const answering = api.fetchAt(USB);
  const fetch: FetchLike = (url, init) =>
    url.startsWith(WIFI) ? new Promise(() => {}) : answering(url, init);
  const t = new HttpDeviceTransport({
    urls: [WIFI, USB],
    fetch,
    timers,
    timeoutMs: 1000,
    token: 'token-1',
    newAbort: () => ({ signal: 'sig', abort: () => void aborted++ }),
  });
  const answer = t.hello(hello);
  await Promise.resolve();
  timers.advance(999);
  await Promise.resolve();
  expect(aborted).toBe(0);
  timers.advance(1);
  expect((await answer).deviceId).toBe('dev-1');
  expect(aborted).toBe(1);
  expect(timers.waiting).toEqual([]);
});

test('answers that are not JSON or not the schema are SYNC_BAD_RESPONSE', async () => {
  const html: FetchLike = async () => ({
    ok: false,
    status: 502,
    text: async () => '<html>Bad gateway</html>',
  });
  await expect(transport(html).hello(hello)).rejects.toMatchObject({
    code: 'SYNC_BAD_RESPONSE',
    retryable: true,
  });
  const wrong: FetchLike = async () => ({ ok: true, status: 200, text: async () => '{"baseId":1}' });
  await expect(transport(wrong).hello(hello)).rejects.toMatchObject({ code: 'SYNC_BAD_RESPONSE' });
  const noCode: FetchLike = async () => ({ ok: false, status: 500, text: async () => '{"oops":true}' });
  await expect(transport(noCode).pull({})).rejects.toMatchObject({
    code: 'SYNC_BAD_RESPONSE',
    details: { status: 500 },
  });
});

test('sends JSON with the bearer token', async () => {
  const seen: { url: string; headers: Record<string, string>; body: string }[] = [];
  const api = new TestDeviceApi();
  const inner = api.fetchAt(WIFI);
  await transport(async (url, init) => {
    seen.push({ url, headers: init.headers, body: init.body });
    return inner(url, init);
  }).pull({ catalogCursor: 0, limit: 7 });
  expect(seen[0]?.url).toBe(`${WIFI}/device/v1/pull`);
  expect(seen[0]?.headers).toMatchObject({
    authorization: 'Bearer token-1',
    'content-type': 'application/json',
  });
  expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ catalogCursor: 0, limit: 7 });
});

/** A base of protocol 1 from before the routes added later in that version: they answer 404. */
function olderBase(fetch: FetchLike): FetchLike {
  return async (url, init) => {
    const later = ['/lookup', '/stock', '/documents/claim', '/operator'];
    if (!later.some((route) => url.endsWith(`/device/v1${route}`))) return fetch(url, init);
    const body = JSON.stringify({ error: { code: 'REQ_NOT_FOUND', message: 'There is no such address.' } });
    return { ok: false, status: 404, text: async () => body };
  };
}

test('a route added later in protocol 1 that an older base lacks is SYNC_NOT_OFFERED, naming it', async () => {
  const t = transport(olderBase(new TestDeviceApi().fetchAt(WIFI)));
  await expect(t.claim({ barcode: 'PALLET-1' })).rejects.toMatchObject({
    code: 'SYNC_NOT_OFFERED',
    details: { route: '/documents/claim' },
  });
  await expect(t.stock({ productId: 'milk' })).rejects.toMatchObject({ code: 'SYNC_NOT_OFFERED' });
  // The first release's routes are never missing on a base of the same version: a 404 there stays one.
  const gone: FetchLike = async () => ({
    ok: false,
    status: 404,
    text: async () => JSON.stringify({ error: { code: 'REQ_NOT_FOUND', message: 'No.' } }),
  });
  await expect(transport(gone).hello(hello)).rejects.toMatchObject({ code: 'REQ_NOT_FOUND' });
});

test('a terminal exchanges with an older base of its protocol version, without the later routes', async () => {
  const api = new TestDeviceApi();
  const { engine } = await syncedTerminal({ api, fetch: olderBase(api.fetchAt(TEST_BASE_URL)) });
  await engine.login('u1');
  await engine.scan('r1', { barcode: '4600000000015' });
  expect(await engine.sync()).toMatchObject({ pushed: 2, pending: 0 });
  // A barcode the replica lacks is simply unknown: the lookup the base lacks is not asked.
  expect(await engine.lookup('4600000000039')).toBeNull();
  api.putDocument(receipt('r2'));
  await expect(engine.claim('r2')).rejects.toMatchObject({ code: 'SYNC_NOT_OFFERED' });
});
