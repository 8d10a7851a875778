import {
  EnrollResponseSchema,
  HelloResponseSchema,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  PullResponseSchema,
  PushResponseSchema,
} from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readBaseConfig } from '../base-config.js';
import {
  codeOf,
  enrollDevice,
  type Harness,
  KEY,
  product,
  startHarness,
  uploadProducts,
} from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const T0 = new Date('2026-11-25T10:00:00.000Z');
const enroll = (payload: unknown, remoteAddress = '10.0.0.1') =>
  h.app.inject({ method: 'POST', url: '/device/v1/enroll', payload: payload as object, remoteAddress });
const call = (path: string, auth: Record<string, string>, payload?: unknown) =>
  h.app.inject({
    method: 'POST',
    url: `/device/v1/${path}`,
    headers: auth,
    payload: (payload ?? {}) as object,
  });
const hello = { protocolVersion: PROTOCOL_VERSION, appVersion: '1.2.3', backlog: 4 };

test('an admin code enrolls a terminal once; the token then opens the device API', async () => {
  const made = await h.app.inject({ method: 'POST', url: '/api/v1/devices/enrollments', headers: KEY });
  expect(made.statusCode).toBe(201);
  const { code, expiresAt } = made.json();
  expect(code).toMatch(/^\d{4}-\d{4}$/);
  expect(expiresAt).toBe(new Date(T0.getTime() + 24 * 3600_000).toISOString());

  // Typed without the dash, with spaces: the same code.
  const res = await enroll({ code: ` ${code.replace('-', ' ')} `, name: 'Dock 1', platform: 'android' });
  expect(res.statusCode).toBe(200);
  const body = EnrollResponseSchema.parse(res.json());
  expect(body.deviceId).toMatch(/^dev-[a-z2-7]{12}$/);
  expect(body.baseId).toBe(await h.store.baseId());
  expect(body.token.length).toBeGreaterThanOrEqual(40);

  const reused = await enroll({ code });
  expect(reused.statusCode).toBe(400);
  expect(codeOf(reused)).toBe('ENROLL_CODE_USED');

  const list = await h.app.inject({ method: 'GET', url: '/api/v1/devices', headers: KEY });
  expect(list.json().items).toEqual([
    expect.objectContaining({ id: body.deviceId, name: 'Dock 1', revoked: false }),
  ]);

  const hi = await call('hello', { authorization: `Bearer ${body.token}` }, hello);
  expect(hi.statusCode).toBe(200);
});

test('an enrollment code with a custom lifetime expires; unknown codes are refused', async () => {
  const made = await h.app.inject({
    method: 'POST',
    url: '/api/v1/devices/enrollments',
    headers: KEY,
    payload: { ttlMinutes: 5 },
  });
  expect(made.json().expiresAt).toBe(new Date(T0.getTime() + 5 * 60_000).toISOString());
  h.setNow(new Date(T0.getTime() + 6 * 60_000));
  const expired = await enroll({ code: made.json().code });
  expect(expired.statusCode).toBe(400);
  expect(codeOf(expired)).toBe('ENROLL_CODE_EXPIRED');
  expect(codeOf(await enroll({ code: '0000-0000' }))).toBe('ENROLL_CODE_INVALID');
  expect(await h.store.listDevices()).toEqual([]);
});

test('a bad enrollment request is REQ_VALIDATION', async () => {
  const res = await enroll({ name: 'no code' });
  expect(res.statusCode).toBe(400);
  expect(codeOf(res)).toBe('REQ_VALIDATION');
  const ttl = await h.app.inject({
    method: 'POST',
    url: '/api/v1/devices/enrollments',
    headers: KEY,
    payload: { ttlMinutes: -1 },
  });
  expect(codeOf(ttl)).toBe('REQ_VALIDATION');
});

test('a revoked terminal is refused at once; an unknown one is DEVICE_NOT_FOUND', async () => {
  const { deviceId, auth } = await enrollDevice(h);
  expect((await call('hello', auth, hello)).statusCode).toBe(200);
  const revoke = (id: string) =>
    h.app.inject({ method: 'POST', url: `/api/v1/devices/${id}/revoke`, headers: KEY });
  expect((await revoke(deviceId)).statusCode).toBe(204);
  const refused = await call('pull', auth);
  expect(refused.statusCode).toBe(401);
  expect(codeOf(refused)).toBe('AUTH_INVALID_TOKEN');
  const list = await h.app.inject({ method: 'GET', url: '/api/v1/devices', headers: KEY });
  expect(list.json().items[0]).toMatchObject({ id: deviceId, revoked: true });
  expect(codeOf(await revoke('dev-unknown'))).toBe('DEVICE_NOT_FOUND');
});

test('device calls need a known token', async () => {
  expect(codeOf(await call('hello', {}, hello))).toBe('AUTH_MISSING');
  const wrong = await call('hello', { authorization: 'Bearer not-a-token' }, hello);
  expect(wrong.statusCode).toBe(401);
  expect(codeOf(wrong)).toBe('AUTH_INVALID_TOKEN');
  // The API key is not a device token.
  expect(codeOf(await call('pull', KEY))).toBe('AUTH_INVALID_TOKEN');
});

test('hello negotiates the version, records the contact and ships the configuration', async () => {
  const { deviceId, auth } = await enrollDevice(h);
  const res = await call('hello', auth, { ...hello, storage: { used: 10, free: 90 } });
  expect(res.statusCode).toBe(200);
  const body = HelloResponseSchema.parse(res.json());
  expect(body).toMatchObject({
    protocolVersion: PROTOCOL_VERSION,
    server: {
      protocolVersion: PROTOCOL_VERSION,
      minProtocolVersion: MIN_PROTOCOL_VERSION,
      version: '0.0.0-test',
    },
    baseId: await h.store.baseId(),
    deviceId,
    serverTime: T0.toISOString(),
    lastMutation: 0,
  });
  expect(body.config).toEqual({
    ...(await readBaseConfig(h.store)),
    lookup: { products: { placement: 'hybrid' } },
  });
  const [device] = await h.store.listDevices();
  expect(device).toMatchObject({
    id: deviceId,
    appVersion: '1.2.3',
    protocolVersion: PROTOCOL_VERSION,
    backlog: 4,
  });
});

test('a protocol version too new (or too old) is SYNC_PROTOCOL_UNSUPPORTED with the range', async () => {
  const { auth } = await enrollDevice(h);
  const res = await call('hello', auth, { ...hello, protocolVersion: PROTOCOL_VERSION + 1 });
  expect(res.statusCode).toBe(426);
  expect(res.json().error).toMatchObject({
    code: 'SYNC_PROTOCOL_UNSUPPORTED',
    details: { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION },
  });
  const [device] = await h.store.listDevices();
  expect(device?.appVersion).toBeUndefined();
  if (MIN_PROTOCOL_VERSION > 1) {
    expect(codeOf(await call('hello', auth, { ...hello, protocolVersion: MIN_PROTOCOL_VERSION - 1 }))).toBe(
      'SYNC_PROTOCOL_UNSUPPORTED',
    );
  }
});

test('pull pages the catalog by cursor and hands over the documents', async () => {
  const { auth } = await enrollDevice(h);
  await uploadProducts(h, [product('p1'), product('p2'), product('p3')]);
  await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: KEY,
    payload: { id: 'd1', type: 'receipt', lines: [{ productId: 'p1', qty: 2 }] },
  });
  const first = await call('pull', auth, { catalogCursor: 0, docCursor: 0, limit: 2 });
  expect(first.statusCode).toBe(200);
  const a = PullResponseSchema.parse(first.json());
  expect(a.catalog.changes.map((c: { id: string }) => c.id)).toEqual(['p1', 'p2']);
  expect(a.catalog.hasMore).toBe(true);
  expect(a.documents.items.map((d: { id: string }) => d.id)).toEqual(['d1']);
  expect(a.serverTime).toBe(T0.toISOString());

  const second = (
    await call('pull', auth, { catalogCursor: a.catalog.cursor, docCursor: a.documents.cursor })
  ).json();
  expect(second.catalog.changes.map((c: { id: string }) => c.id)).toEqual(['p3']);
  expect(second.catalog.hasMore).toBe(false);
  expect(second.catalog.checksums).toBeDefined();
  expect(second.documents.items).toEqual([]);

  const bad = await call('pull', auth, { catalogCursor: -1 });
  expect(codeOf(bad)).toBe('REQ_VALIDATION');
});

test('push applies once, answers duplicates, and refuses a gap naming the expected number', async () => {
  const { deviceId, auth } = await enrollDevice(h);
  await uploadProducts(h, [product('p1')]);
  await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: KEY,
    payload: { id: 'd1', type: 'receipt', lines: [{ productId: 'p1', qty: 2 }] },
  });
  const at = '2026-11-25T10:01:00.000Z';
  const fact = (n: number, id: string) => ({
    n,
    at,
    kind: 'fact.add',
    docId: 'd1',
    fact: { id, productId: 'p1', qty: 1, at },
  });
  const first = await call('push', auth, {
    mutations: [{ n: 1, at, kind: 'doc.start', docId: 'd1' }, fact(2, 'f1')],
  });
  expect(first.statusCode).toBe(200);
  expect(PushResponseSchema.parse(first.json())).toMatchObject({
    lastMutation: 2,
    results: [
      { n: 1, status: 'applied' },
      { n: 2, status: 'applied' },
    ],
  });

  const repeat = await call('push', auth, { mutations: [fact(2, 'f1'), fact(3, 'f2')] });
  expect(repeat.json()).toMatchObject({
    lastMutation: 3,
    results: [
      { n: 2, status: 'duplicate', original: 'applied' },
      { n: 3, status: 'applied' },
    ],
  });

  const gap = await call('push', auth, { mutations: [fact(5, 'f4')] });
  expect(gap.statusCode).toBe(409);
  expect(gap.json().error).toMatchObject({ code: 'SYNC_MUTATION_GAP', details: { expected: 4 } });
  expect(await h.store.lastMutation(deviceId)).toBe(3);
  expect((await h.store.getDocument('d1'))?.facts.map((f) => f.id)).toEqual(['f1', 'f2']);

  const hi = (await call('hello', auth, hello)).json();
  expect(hi.lastMutation).toBe(3);
});

test('a push over 500 mutations or with a bad mutation is REQ_VALIDATION', async () => {
  const { deviceId, auth } = await enrollDevice(h);
  const at = '2026-11-25T10:01:00.000Z';
  const many = Array.from({ length: 501 }, (_, i) => ({ n: i + 1, at, kind: 'doc.start', docId: 'd1' }));
  expect(codeOf(await call('push', auth, { mutations: many }))).toBe('REQ_VALIDATION');
  const bad = await call('push', auth, { mutations: [{ n: 1, at, kind: 'doc.explode', docId: 'd1' }] });
  expect(bad.statusCode).toBe(400);
  expect(codeOf(bad)).toBe('REQ_VALIDATION');
  expect(await h.store.lastMutation(deviceId)).toBe(0);
});
