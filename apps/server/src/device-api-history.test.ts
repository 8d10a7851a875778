// Holds the server to the rule in packages/protocol/src/version.ts: within a protocol version the
// device API only grows, so a terminal from the version's first release still works unchanged.
import {
  DEVICE_API_HISTORY,
  DEVICE_API_PREFIX,
  HelloResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
} from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type Harness, KEY, startHarness, uploadProducts } from './testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const device = (path: string, payload: object, auth: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url: `${DEVICE_API_PREFIX}${path}`, headers: auth, payload });

test('every device route the server answers is in the version history, and nothing more', async () => {
  const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, unknown>;
  };
  const served = Object.keys(doc.paths)
    .filter((p) => p.startsWith(`${DEVICE_API_PREFIX}/`))
    .map((p) => p.slice(DEVICE_API_PREFIX.length))
    .sort();
  const listed = DEVICE_API_HISTORY.flatMap((change) => change.routes).sort();
  expect(served).toEqual(listed);
});

test('a terminal of the first protocol 1 release still enrolls, says hello, pulls and pushes', async () => {
  await uploadProducts(h, [{ id: 'p1', name: 'Milk', barcodes: ['4600000000015'] }]);
  const upload = await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: KEY,
    payload: { id: 'd1', type: 'receipt', number: 'R-1', lines: [{ productId: 'p1', qty: 5 }] },
  });
  expect(upload.statusCode).toBe(200);
  const { code } = (
    await h.app.inject({ method: 'POST', url: '/api/v1/devices/enrollments', headers: KEY })
  ).json();

  // The bodies exactly as that terminal sent them: no capabilities, storage, configVersion or logs.
  const enrolled = await device('/enroll', {
    code,
    name: 'Dock 1',
    platform: 'android',
    appVersion: '0.1.0',
  });
  expect(enrolled.statusCode).toBe(200);
  const auth = { authorization: `Bearer ${enrolled.json().token}` };

  const hello = await device(
    '/hello',
    { protocolVersion: 1, appVersion: '0.1.0', platform: 'android', backlog: 0 },
    auth,
  );
  expect(hello.statusCode).toBe(200);
  expect(HelloResponseSchema.parse(hello.json())).toMatchObject({ protocolVersion: 1, lastMutation: 0 });

  const pull = await device('/pull', { catalogCursor: 0, docCursor: 0, limit: 2000 }, auth);
  expect(pull.statusCode).toBe(200);
  const pulled = PullResponseSchema.parse(pull.json());
  expect(pulled.catalog.changes.map((c) => c.id)).toContain('p1');
  const doc = pulled.documents.items.find((d) => d.id === 'd1');
  const planLineId = doc?.lines[0]?.id;
  expect(planLineId).toBeDefined();

  const at = '2026-11-25T10:05:00.000Z';
  const fact = { id: 'f-1', planLineId, productId: 'p1', qty: 1, barcode: '4600000000015', at };
  const push = {
    mutations: [
      { n: 1, at, kind: 'doc.start', docId: 'd1' },
      { n: 2, at, kind: 'fact.add', docId: 'd1', fact: { ...fact, deviceId: enrolled.json().deviceId } },
      { n: 3, at, kind: 'doc.complete', docId: 'd1' },
    ],
  };
  const pushed = await device('/push', push, auth);
  expect(pushed.statusCode).toBe(200);
  expect(PushResponseSchema.parse(pushed.json())).toEqual({
    results: [1, 2, 3].map((n) => ({ n, status: 'applied' })),
    lastMutation: 3,
  });
  // Its retry after a lost answer is answered as duplicates, as it always was.
  const again = PushResponseSchema.parse((await device('/push', push, auth)).json());
  expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  expect((await h.store.getDocument('d1'))?.status).toBe('completed');
});

test('a field the server does not know yet is dropped, not refused (a newer terminal, same version)', async () => {
  const { code } = (
    await h.app.inject({ method: 'POST', url: '/api/v1/devices/enrollments', headers: KEY })
  ).json();
  const enrolled = await device('/enroll', { code, laterField: 'x' });
  expect(enrolled.statusCode).toBe(200);
  const auth = { authorization: `Bearer ${enrolled.json().token}` };
  const hello = { protocolVersion: 1, appVersion: '9.9.9', laterField: { any: 'thing' } };
  expect((await device('/hello', hello, auth)).statusCode).toBe(200);
  expect((await device('/pull', { catalogCursor: 0, laterField: 1 }, auth)).statusCode).toBe(200);
  expect((await device('/push', { mutations: [], laterField: [] }, auth)).statusCode).toBe(200);
});
