import { afterEach, beforeEach, expect, test } from 'vitest';
import { codeOf, type Harness, KEY, startHarness } from './testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

test('an unknown route answers REQ_NOT_FOUND in the common error shape', async () => {
  const res = await h.app.inject({ method: 'GET', url: '/nope' });
  expect(res.statusCode).toBe(404);
  expect(res.json()).toMatchObject({ error: { code: 'REQ_NOT_FOUND', message: expect.any(String) } });
});

test('an unknown route under the API prefix is REQ_NOT_FOUND too, not an auth error', async () => {
  const res = await h.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
  expect(res.statusCode).toBe(404);
  expect(codeOf(res)).toBe('REQ_NOT_FOUND');
});

test('malformed JSON is REQ_MALFORMED and stores nothing', async () => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: { ...KEY, 'content-type': 'application/json' },
    payload: '{"id": "d1", "type": ',
  });
  expect(res.statusCode).toBe(400);
  expect(codeOf(res)).toBe('REQ_MALFORMED');
  expect(await h.store.getDocument('d1')).toBeUndefined();
});

test('an unsupported content type is REQ_UNSUPPORTED_MEDIA', async () => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: { ...KEY, 'content-type': 'text/plain' },
    payload: 'hello',
  });
  expect(res.statusCode).toBe(415);
  expect(codeOf(res)).toBe('REQ_UNSUPPORTED_MEDIA');
});

test('a JSON body over 16 MiB is REQ_TOO_LARGE', async () => {
  const big = JSON.stringify({ id: 'd1', type: 'receipt', comment: 'x'.repeat(17 * 1024 * 1024) });
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: { ...KEY, 'content-type': 'application/json' },
    payload: big,
  });
  expect(res.statusCode).toBe(413);
  expect(codeOf(res)).toBe('REQ_TOO_LARGE');
  expect(await h.store.getDocument('d1')).toBeUndefined();
});

test('wrong field types are REQ_VALIDATION with the path of each field', async () => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: KEY,
    payload: { id: 'd1', type: 'receipt', lines: [{ productId: 'p1', qty: 'ten' }] },
  });
  expect(res.statusCode).toBe(400);
  const body = res.json();
  expect(body.error.code).toBe('REQ_VALIDATION');
  expect(body.error.details.issues).toEqual(
    expect.arrayContaining([expect.objectContaining({ path: 'lines.0.qty' })]),
  );
  expect(await h.store.getDocument('d1')).toBeUndefined();
});

test('an unexpected failure is INTERNAL (500) and reveals nothing of it', async () => {
  h.app.get('/boom', async () => {
    throw new Error('secret database path /var/lib/x');
  });
  const res = await h.app.inject({ method: 'GET', url: '/boom' });
  expect(res.statusCode).toBe(500);
  expect(codeOf(res)).toBe('INTERNAL');
  expect(res.body).not.toContain('secret');
  // Only the code and the operator sentence: no stack, no details.
  expect(Object.keys(res.json().error)).toEqual(['code', 'message']);
});

test('a URL that cannot be decoded is REQ_MALFORMED', async () => {
  const res = await h.app.inject({ method: 'GET', url: '/api/v1/documents/%E0%A4%A', headers: KEY });
  expect(res.statusCode).toBe(400);
  expect(codeOf(res)).toBe('REQ_MALFORMED');
});

test('the integration API needs the key: AUTH_MISSING, then AUTH_INVALID_KEY', async () => {
  const missing = await h.app.inject({ method: 'GET', url: '/api/v1/devices' });
  expect(missing.statusCode).toBe(401);
  expect(codeOf(missing)).toBe('AUTH_MISSING');
  const wrong = await h.app.inject({
    method: 'GET',
    url: '/api/v1/devices',
    headers: { authorization: 'Bearer nope' },
  });
  expect(wrong.statusCode).toBe(401);
  expect(codeOf(wrong)).toBe('AUTH_INVALID_KEY');
  const notBearer = await h.app.inject({
    method: 'GET',
    url: '/api/v1/devices',
    headers: { authorization: 'Basic eDp5' },
  });
  expect(codeOf(notBearer)).toBe('AUTH_INVALID_KEY');
  const ok = await h.app.inject({ method: 'GET', url: '/api/v1/devices', headers: KEY });
  expect(ok.statusCode).toBe(200);
});

test('a wrong key is refused before a catalog upload is read, and nothing is stored', async () => {
  const res = await h.app.inject({
    method: 'PUT',
    url: '/api/v1/catalog/products',
    headers: { authorization: 'Bearer wrong' },
    payload: [{ id: 'p1', name: 'One' }],
  });
  expect(codeOf(res)).toBe('AUTH_INVALID_KEY');
  expect(await h.store.getCatalogRow('products', 'p1')).toBeUndefined();
});
