import { DocumentListResponseSchema, DocumentSchema } from '@shelfsync/protocol';
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
  await uploadProducts(h, [product('p1'), product('p2')]);
});
afterEach(async () => {
  await h.close();
});

const post = (url: string, payload?: unknown) =>
  h.app.inject({
    method: 'POST',
    url,
    headers: KEY,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const get = (url: string) => h.app.inject({ method: 'GET', url, headers: KEY });

const receipt = (
  id: string,
  lines: unknown[] = [
    { productId: 'p1', qty: 5 },
    { productId: 'p2', qty: 1 },
  ],
) => ({
  id,
  type: 'receipt',
  number: `R-${id}`,
  date: '2026-11-25',
  lines,
});

test('one document is created with line ids filled in, then replaced', async () => {
  const res = await post('/api/v1/documents', receipt('d1'));
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ created: 1, replaced: 0 });
  const doc = await get('/api/v1/documents/d1');
  expect(doc.statusCode).toBe(200);
  expect(DocumentSchema.parse(doc.json())).toMatchObject({
    id: 'd1',
    status: 'new',
    origin: 'accounting',
    lines: [
      { id: '1', productId: 'p1', qty: 5 },
      { id: '2', productId: 'p2', qty: 1 },
    ],
  });
  const again = await post('/api/v1/documents', [
    receipt('d1', [{ id: 'L9', productId: 'p2', qty: 3 }]),
    receipt('d2'),
  ]);
  expect(again.json()).toEqual({ created: 1, replaced: 1 });
  expect((await get('/api/v1/documents/d1')).json().lines).toEqual([{ id: 'L9', productId: 'p2', qty: 3 }]);
});

test('a line naming an unknown product is DOC_UNKNOWN_PRODUCT and stores no document of the batch', async () => {
  const res = await post('/api/v1/documents', [
    receipt('d1'),
    receipt('d2', [{ productId: 'ghost', qty: 1 }]),
  ]);
  expect(res.statusCode).toBe(422);
  expect(res.json().error).toMatchObject({
    code: 'DOC_UNKNOWN_PRODUCT',
    message: 'Document d2, line 1: product ghost is not in the catalog. Upload the product first.',
    details: { missing: ['ghost'], id: 'd2', lineId: '1' },
  });
  expect(await h.store.getDocument('d1')).toBeUndefined();
  expect(await h.store.getDocument('d2')).toBeUndefined();
});

test('a bad field in the second document of an array names its index and path', async () => {
  const res = await post('/api/v1/documents', [receipt('d1'), receipt('d2', [{ productId: 'p1', qty: -3 }])]);
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('REQ_VALIDATION');
  expect(res.json().error.details.issues).toEqual([expect.objectContaining({ path: '1.lines.0.qty' })]);
  expect(await h.store.getDocument('d1')).toBeUndefined();
});

test('duplicate line ids in a document are REQ_VALIDATION', async () => {
  const lines = [
    { id: 'a', productId: 'p1', qty: 1 },
    { id: 'a', productId: 'p2', qty: 1 },
  ];
  const res = await post('/api/v1/documents', receipt('d1', lines));
  expect(res.statusCode).toBe(400);
  expect(res.json().error).toMatchObject({ code: 'REQ_VALIDATION', details: { index: 0 } });
  expect(res.json().error.details.issues[0].path).toBe('lines.1.id');
  expect(await h.store.getDocument('d1')).toBeUndefined();
});

test('an explicit line id clashing with a filled-in one is REQ_VALIDATION', async () => {
  const lines = [
    { productId: 'p1', qty: 1 },
    { id: '1', productId: 'p2', qty: 1 },
  ];
  const res = await post('/api/v1/documents', receipt('d1', lines));
  expect(codeOf(res)).toBe('REQ_VALIDATION');
});

test('an unknown document type is DOC_UNKNOWN_TYPE', async () => {
  const res = await post('/api/v1/documents', { ...receipt('d1'), type: 'teleport' });
  expect(res.statusCode).toBe(422);
  expect(res.json().error).toMatchObject({ code: 'DOC_UNKNOWN_TYPE', details: { type: 'teleport' } });
  expect(await h.store.getDocument('d1')).toBeUndefined();
});

test('a missing document is DOC_NOT_FOUND', async () => {
  const res = await get('/api/v1/documents/none');
  expect(res.statusCode).toBe(404);
  expect(codeOf(res)).toBe('DOC_NOT_FOUND');
});

test('cancel with and without a reason', async () => {
  await post('/api/v1/documents', [receipt('d1'), receipt('d2')]);
  const withReason = await post('/api/v1/documents/d1/cancel', { reason: 'order withdrawn' });
  expect(withReason.statusCode).toBe(200);
  expect(withReason.json()).toMatchObject({ id: 'd1', status: 'cancelled', cancelReason: 'order withdrawn' });
  // Clients that always send a JSON content type with an empty body are fine too.
  const bare = await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents/d2/cancel',
    headers: { ...KEY, 'content-type': 'application/json' },
    payload: '',
  });
  expect(bare.statusCode).toBe(200);
  expect(bare.json()).toMatchObject({ id: 'd2', status: 'cancelled' });
  const missing = await post('/api/v1/documents/nope/cancel');
  expect(codeOf(missing)).toBe('DOC_NOT_FOUND');
});

test('a bad list query is REQ_VALIDATION', async () => {
  const res = await get('/api/v1/documents?status=new');
  expect(res.statusCode).toBe(400);
  expect(res.json().error).toMatchObject({ code: 'REQ_VALIDATION', details: { in: 'query' } });
});

test('export: a completed document is listed until acknowledged, ack is idempotent', async () => {
  await post('/api/v1/documents', [receipt('d1'), receipt('d2')]);
  const early = await post('/api/v1/documents/d2/ack');
  expect(early.statusCode).toBe(409);
  expect(codeOf(early)).toBe('DOC_NOT_COMPLETED');

  const { auth } = await enrollDevice(h);
  const at = '2026-11-25T10:05:00.000Z';
  const mutations = [
    { n: 1, at, kind: 'doc.start', docId: 'd1' },
    {
      n: 2,
      at,
      kind: 'fact.add',
      docId: 'd1',
      fact: { id: 'f1', planLineId: '1', productId: 'p1', qty: 5, at },
    },
    { n: 3, at, kind: 'doc.complete', docId: 'd1' },
  ];
  const push = await h.app.inject({
    method: 'POST',
    url: '/device/v1/push',
    headers: auth,
    payload: { mutations },
  });
  expect(push.json().results.map((r: { status: string }) => r.status)).toEqual([
    'applied',
    'applied',
    'applied',
  ]);

  const listed = await get('/api/v1/documents?status=completed&after=0&limit=10');
  expect(listed.statusCode).toBe(200);
  const page = DocumentListResponseSchema.parse(listed.json());
  expect(page.items.map((d) => d.id)).toEqual(['d1']);
  expect(page.items[0]?.facts).toEqual([expect.objectContaining({ id: 'f1', qty: 5 })]);
  expect(page.hasMore).toBe(false);
  expect((await get(`/api/v1/documents?after=${page.next}`)).json().items).toEqual([]);
  // Until acknowledged it stays listed from the start.
  expect((await get('/api/v1/documents')).json().items).toHaveLength(1);

  const ack = await post('/api/v1/documents/d1/ack');
  expect(ack.statusCode).toBe(200);
  expect(ack.json()).toMatchObject({ id: 'd1', status: 'exported' });
  expect((await get('/api/v1/documents')).json().items).toEqual([]);
  const twice = await post('/api/v1/documents/d1/ack');
  expect(twice.statusCode).toBe(200);
  expect(twice.json().status).toBe('exported');
  expect(codeOf(await post('/api/v1/documents/none/ack'))).toBe('DOC_NOT_FOUND');
});
