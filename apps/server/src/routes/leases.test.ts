// The lease admin API, lease expiry and the device claim endpoint, in-process over a real SQLite store.
import { afterEach, beforeEach, expect, test } from 'vitest';
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
  await uploadProducts(h, [product('P1')]);
  const docs = [
    { id: 'D1', type: 'receipt', lines: [{ productId: 'P1', qty: 1 }] },
    { id: 'D2', type: 'move', barcode: 'PALLET-7', lines: [{ productId: 'P1', qty: 1 }] },
  ];
  await h.app.inject({ method: 'POST', url: '/api/v1/documents', headers: KEY, payload: docs });
});

afterEach(async () => {
  await h.close();
});

const T0 = '2026-11-25T10:00:00.000Z';

async function start(auth: { authorization: string }, docId: string): Promise<void> {
  const mutations = [{ n: 1, at: T0, kind: 'doc.start', docId }];
  const res = await h.app.inject({
    method: 'POST',
    url: '/device/v1/push',
    headers: auth,
    payload: { mutations },
  });
  expect(res.json()).toMatchObject({ results: [{ status: 'applied' }] });
}

test('GET /leases shows who holds what until an untouched lease expires back to the pool', async () => {
  const a = await enrollDevice(h);
  await start(a.auth, 'D1');
  const leases = await h.app.inject({ method: 'GET', url: '/api/v1/leases', headers: KEY });
  expect(leases.json()).toEqual({
    leaseHours: 8,
    items: [
      expect.objectContaining({
        docId: 'D1',
        deviceId: a.deviceId,
        since: T0,
        expiresAt: '2026-11-25T18:00:00.000Z',
        facts: 0,
      }),
    ],
  });
  h.setNow(new Date('2026-11-25T18:00:01.000Z'));
  const after = await h.app.inject({ method: 'GET', url: '/api/v1/leases', headers: KEY });
  expect(after.json()).toMatchObject({ items: [] });
  const doc = await h.app.inject({ method: 'GET', url: '/api/v1/documents/D1', headers: KEY });
  expect(doc.json()).toMatchObject({ status: 'new' });
});

test('an admin hands a document to another terminal or gives it back to the pool', async () => {
  const a = await enrollDevice(h);
  const b = await enrollDevice(h);
  const first = await h.app.inject({ method: 'POST', url: '/device/v1/pull', headers: a.auth, payload: {} });
  const docCursor = first.json().documents.cursor as number;
  await start(a.auth, 'D1');
  const moved = await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents/D1/reassign',
    headers: KEY,
    payload: { deviceId: b.deviceId },
  });
  expect(moved.json()).toMatchObject({ id: 'D1', deviceId: b.deviceId, status: 'taken' });
  // Issue 14: a terminal that does not exist (or was revoked) is refused; the holder stays.
  const reassign = (deviceId: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/documents/D1/reassign',
      headers: KEY,
      payload: { deviceId },
    });
  const ghost = await reassign('no-such-terminal');
  expect(ghost.statusCode).toBe(404);
  expect(codeOf(ghost)).toBe('DEVICE_NOT_FOUND');
  const c = await enrollDevice(h);
  await h.store.revokeDevice(c.deviceId);
  expect(codeOf(await reassign(c.deviceId))).toBe('DEVICE_NOT_FOUND');
  const held = await h.app.inject({ method: 'GET', url: '/api/v1/documents/D1', headers: KEY });
  expect(held.json()).toMatchObject({ deviceId: b.deviceId, status: 'taken' });
  const pulled = await h.app.inject({
    method: 'POST',
    url: '/device/v1/pull',
    headers: a.auth,
    payload: { docCursor },
  });
  expect(pulled.json().documents.revoked).toEqual([{ id: 'D1', status: 'taken', reason: 'taken over' }]);
  const released = await h.app.inject({ method: 'POST', url: '/api/v1/documents/D1/release', headers: KEY });
  expect(released.json()).toMatchObject({ status: 'released' });
  const bad = await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents/D1/reassign',
    headers: KEY,
    payload: {},
  });
  expect(codeOf(bad)).toBe('REQ_VALIDATION');
  const none = await h.app.inject({ method: 'POST', url: '/api/v1/documents/NOPE/release', headers: KEY });
  expect(codeOf(none)).toBe('DOC_NOT_FOUND');
});

test('a terminal claims a document by its barcode; others are refused; a token is required', async () => {
  const a = await enrollDevice(h);
  const b = await enrollDevice(h);
  const claim = (auth: Record<string, string>, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: '/device/v1/documents/claim', headers: auth, payload });
  expect((await claim(a.auth, { barcode: 'PALLET-7' })).json()).toMatchObject({ id: 'D2', status: 'taken' });
  expect(codeOf(await claim(b.auth, { barcode: 'PALLET-7' }))).toBe('DOC_TAKEN');
  expect(codeOf(await claim(b.auth, { barcode: 'PALLET-0' }))).toBe('DOC_NOT_FOUND');
  expect(codeOf(await claim(b.auth, {}))).toBe('REQ_VALIDATION');
  expect(codeOf(await claim({}, { barcode: 'PALLET-7' }))).toBe('AUTH_MISSING');
  const op = await h.app.inject({
    method: 'POST',
    url: '/device/v1/operator',
    headers: a.auth,
    payload: { operatorId: 'u1' },
  });
  expect(op.json()).toEqual({ operatorId: 'u1' });
});
