import { pbkdf2Sync } from 'node:crypto';
import { Readable } from 'node:stream';
import { UpsertResultSchema } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { verifyPin } from '../pin-hash.js';
import { codeOf, type Harness, KEY, product, startHarness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const put = (table: string, payload: unknown, opts: { mode?: string; type?: string } = {}) =>
  h.app.inject({
    method: 'PUT',
    url: `/api/v1/catalog/${table}${opts.mode ? `?mode=${opts.mode}` : ''}`,
    headers: { ...KEY, ...(opts.type ? { 'content-type': opts.type } : {}) },
    payload: payload as string,
  });

const ndjson = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

test('a JSON array upload creates rows, a repeat leaves them unchanged', async () => {
  const rows = [product('p1'), product('p2', { packings: [{ id: 'box', name: 'Box', factor: 12 }] })];
  const first = await put('products', rows);
  expect(first.statusCode).toBe(200);
  expect(UpsertResultSchema.parse(first.json())).toMatchObject({
    table: 'products',
    received: 2,
    created: 2,
    updated: 0,
    unchanged: 0,
  });
  expect(first.json().cursor).toBeGreaterThan(0);

  const again = await put('products', rows);
  expect(again.json()).toMatchObject({
    received: 2,
    created: 0,
    updated: 0,
    unchanged: 2,
    cursor: first.json().cursor,
  });

  const row = await h.app.inject({ method: 'GET', url: '/api/v1/catalog/products/p2', headers: KEY });
  expect(row.statusCode).toBe(200);
  expect(row.json()).toMatchObject({ id: 'p2', name: 'Product p2', packings: [{ id: 'box', factor: 12 }] });
});

test('NDJSON uploads are accepted and merge by id', async () => {
  await put('products', ndjson([product('p1'), product('p2')]), { type: 'application/x-ndjson' });
  const res = await put('products', ndjson([product('p2', { name: 'Renamed' }), product('p3')]), {
    type: 'application/x-ndjson',
  });
  expect(res.json()).toMatchObject({ received: 2, created: 1, updated: 1, deleted: 0 });
  expect(await h.store.getCatalogRow('products', 'p1')).toBeDefined();
  expect(await h.store.getCatalogRow('products', 'p2')).toMatchObject({ name: 'Renamed' });
});

test('replace mode deletes the rows missing from the upload', async () => {
  await put('products', [product('p1'), product('p2'), product('p3')]);
  const res = await put('products', [product('p2')], { mode: 'replace' });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ received: 1, unchanged: 1, deleted: 2 });
  expect(await h.store.getCatalogRow('products', 'p1')).toBeUndefined();
  expect(await h.store.getCatalogRow('products', 'p2')).toBeDefined();
});

test('an unknown mode is REQ_VALIDATION and stores nothing', async () => {
  const res = await put('products', [product('p1')], { mode: 'wipe' });
  expect(res.statusCode).toBe(400);
  expect(codeOf(res)).toBe('REQ_VALIDATION');
  expect(await h.store.getCatalogRow('products', 'p1')).toBeUndefined();
});

test('an unknown table is CATALOG_UNKNOWN_TABLE on upload, read and delete', async () => {
  const up = await put('prices', [{ id: 'x' }]);
  expect(up.statusCode).toBe(404);
  expect(codeOf(up)).toBe('CATALOG_UNKNOWN_TABLE');
  const get = await h.app.inject({ method: 'GET', url: '/api/v1/catalog/prices/x', headers: KEY });
  expect(codeOf(get)).toBe('CATALOG_UNKNOWN_TABLE');
  const del = await h.app.inject({ method: 'DELETE', url: '/api/v1/catalog/prices/x', headers: KEY });
  expect(codeOf(del)).toBe('CATALOG_UNKNOWN_TABLE');
});

test('a row with a wrong field aborts the upload naming its index and field; nothing is stored', async () => {
  const rows = [
    product('p1'),
    product('p2'),
    { id: 'p3', name: 'Three', packings: [{ id: 'b', name: 'B', factor: -1 }] },
  ];
  const res = await put('products', rows);
  expect(res.statusCode).toBe(400);
  const body = res.json();
  expect(body.error.code).toBe('REQ_VALIDATION');
  expect(body.error.details).toMatchObject({ index: 2, field: 'packings.0.factor' });
  expect(await h.store.getCatalogRow('products', 'p1')).toBeUndefined();
});

test('NDJSON with a broken line in the middle is REQ_MALFORMED at that row; nothing is stored', async () => {
  await put('products', [product('keep')]);
  const text = `${JSON.stringify(product('p1'))}\n${JSON.stringify(product('p2'))}\n{"id":"p3","name":\n${JSON.stringify(product('p4'))}\n`;
  const res = await put('products', text, { type: 'application/x-ndjson' });
  expect(res.statusCode).toBe(400);
  expect(res.json().error).toMatchObject({ code: 'REQ_MALFORMED', details: { index: 2 } });
  expect(await h.store.getCatalogRow('products', 'p1')).toBeUndefined();
  expect(await h.store.getCatalogRow('products', 'keep')).toBeDefined();
});

test('a body that is not a JSON array is REQ_MALFORMED', async () => {
  const res = await put('products', JSON.stringify(product('p1')), { type: 'application/json' });
  expect(res.statusCode).toBe(400);
  expect(codeOf(res)).toBe('REQ_MALFORMED');
  expect(await h.store.getCatalogRow('products', 'p1')).toBeUndefined();
});

test('a row over 1 MiB is REQ_TOO_LARGE; nothing is stored', async () => {
  const attrs = Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`k${i}`, 'y'.repeat(1500)]));
  const res = await put('products', [product('p1'), product('p2', { attrs })]);
  expect(res.statusCode).toBe(413);
  expect(res.json().error).toMatchObject({ code: 'REQ_TOO_LARGE', details: { index: 1 } });
  expect(await h.store.getCatalogRow('products', 'p1')).toBeUndefined();
});

test('a declared length over 1 GiB is refused before reading', async () => {
  const res = await h.app.inject({
    method: 'PUT',
    url: '/api/v1/catalog/products',
    headers: { ...KEY, 'content-type': 'application/json', 'content-length': String(2 * 1024 ** 3) },
    payload: '[]',
  });
  expect(res.statusCode).toBe(413);
  expect(codeOf(res)).toBe('REQ_TOO_LARGE');
});

test('an unsupported content type on upload is REQ_UNSUPPORTED_MEDIA', async () => {
  const res = await put('products', 'id;name\np1;One\n', { type: 'text/csv' });
  expect(res.statusCode).toBe(415);
  expect(codeOf(res)).toBe('REQ_UNSUPPORTED_MEDIA');
});

test('users: PIN and badge are stored only as PBKDF2 hashes', async () => {
  const res = await put('users', [
    { id: 'u1', name: 'Anna', pin: '1234', badge: 'B-77', groups: ['pickers'] },
  ]);
  expect(res.statusCode).toBe(200);
  const row = (await h.store.getCatalogRow('users', 'u1')) as Record<string, unknown>;
  expect(row).not.toHaveProperty('pin');
  expect(row).not.toHaveProperty('badge');
  expect(JSON.stringify(row)).not.toContain('1234');
  expect(row['pinHash']).toMatch(/^pbkdf2-sha256\$1000000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  expect(await verifyPin('1234', row['pinHash'] as string)).toBe(true);
  expect(await verifyPin('4321', row['pinHash'] as string)).toBe(false);
  expect(await verifyPin('B-77', row['badgeHash'] as string)).toBe(true);
  // The same PIN uploaded again is the same row, so nightly uploads do not churn the change log.
  const again = await put('users', [
    { id: 'u1', name: 'Anna', pin: '1234', badge: 'B-77', groups: ['pickers'] },
  ]);
  expect(again.json()).toMatchObject({ unchanged: 1 });
});

test('users: hashes of earlier versions (10,000 iterations, a salt per user) verify and are replaced at the next upload', async () => {
  const salt = Buffer.from('per-user-salt-01');
  const old = `pbkdf2-sha256$10000$${salt.toString('base64')}$${pbkdf2Sync('1234', salt, 10_000, 32, 'sha256').toString('base64')}`;
  expect(await verifyPin('1234', old)).toBe(true);
  expect(await verifyPin('1235', old)).toBe(false);
  await h.store.upsertCatalog(
    'users',
    [{ id: 'u1', name: 'Anna', pinHash: old, groups: [], warehouseIds: [] }],
    'merge',
  );
  const res = await put('users', [{ id: 'u1', name: 'Anna', pin: '1234' }]);
  expect(res.json()).toMatchObject({ updated: 1 });
  const row = (await h.store.getCatalogRow('users', 'u1')) as Record<string, unknown>;
  expect(row['pinHash']).toMatch(/^pbkdf2-sha256\$1000000\$/);
  expect(await verifyPin('1234', row['pinHash'] as string)).toBe(true);
});

test('users: one salt per base and kind, so a terminal derives a typed PIN once for all operators', async () => {
  await put('users', [
    { id: 'u1', name: 'Anna', pin: '1234', badge: 'B-1' },
    { id: 'u2', name: 'Boris', pin: '5678', badge: 'B-2' },
  ]);
  const rows = await Promise.all(['u1', 'u2'].map((id) => h.store.getCatalogRow('users', id)));
  const part = (hash: unknown, i: number) => String(hash).split('$')[i];
  const [a, b] = rows as Record<string, unknown>[];
  expect(part(a?.['pinHash'], 2)).toBe(part(b?.['pinHash'], 2));
  expect(part(a?.['badgeHash'], 2)).toBe(part(b?.['badgeHash'], 2));
  expect(part(a?.['pinHash'], 2)).not.toBe(part(a?.['badgeHash'], 2));
  expect(part(a?.['pinHash'], 3)).not.toBe(part(b?.['pinHash'], 3));
});

test('users: PINs of up to 16 digits are accepted', async () => {
  const res = await put('users', [{ id: 'u1', name: 'Anna', pin: '1234567890123456' }]);
  expect(res.statusCode).toBe(200);
  const row = (await h.store.getCatalogRow('users', 'u1')) as Record<string, unknown>;
  expect(await verifyPin('1234567890123456', row['pinHash'] as string)).toBe(true);
  expect(codeOf(await put('users', [{ id: 'u2', name: 'Boris', pin: '12345678901234567' }]))).toBe(
    'REQ_VALIDATION',
  );
});

test('users: more operators than are hashed at once arrive whole and in order; a bad row later stores none', async () => {
  const users = ['11', '22', '33', '44', '55', '66'].map((n) => ({
    id: `u${n}`,
    name: `Op ${n}`,
    pin: `${n}${n}`,
  }));
  const bad = await put('users', [...users, { id: 'u77', name: 'Op 77', pin: '7' }]);
  expect(bad.json().error).toMatchObject({ code: 'REQ_VALIDATION', details: { index: 6, field: 'pin' } });
  expect(await h.store.getCatalogRow('users', 'u11')).toBeUndefined();
  const res = await put('users', users);
  expect(res.json()).toMatchObject({ received: 6, created: 6 });
  for (const u of users) {
    const row = (await h.store.getCatalogRow('users', u.id)) as Record<string, unknown>;
    expect(await verifyPin(u.pin, row['pinHash'] as string), u.id).toBe(true);
  }
});

test('a bad PIN is REQ_VALIDATION naming the field', async () => {
  const res = await put('users', [{ id: 'u1', name: 'Anna', pin: '12' }]);
  expect(res.json().error).toMatchObject({ code: 'REQ_VALIDATION', details: { index: 0, field: 'pin' } });
  expect(await h.store.getCatalogRow('users', 'u1')).toBeUndefined();
});

test('DELETE removes a row (204); a second delete and a read are CATALOG_ROW_NOT_FOUND', async () => {
  await put('cells', [{ id: 'A-01', name: 'A-01', barcodes: ['C0001'] }]);
  const del = await h.app.inject({ method: 'DELETE', url: '/api/v1/catalog/cells/A-01', headers: KEY });
  expect(del.statusCode).toBe(204);
  expect(del.body).toBe('');
  const again = await h.app.inject({ method: 'DELETE', url: '/api/v1/catalog/cells/A-01', headers: KEY });
  expect(again.statusCode).toBe(404);
  expect(codeOf(again)).toBe('CATALOG_ROW_NOT_FOUND');
  const get = await h.app.inject({ method: 'GET', url: '/api/v1/catalog/cells/A-01', headers: KEY });
  expect(codeOf(get)).toBe('CATALOG_ROW_NOT_FOUND');
});

test('100,000 products stream in as NDJSON in one request', async () => {
  const count = 100_000;
  async function* lines() {
    for (let i = 0; i < count; i += 1000) {
      let chunk = '';
      for (let j = i; j < i + 1000; j++) chunk += `${JSON.stringify(product(`p${j}`, { price: j }))}\n`;
      yield chunk;
    }
  }
  const res = await h.app.inject({
    method: 'PUT',
    url: '/api/v1/catalog/products',
    headers: { ...KEY, 'content-type': 'application/x-ndjson' },
    payload: Readable.from(lines()),
  });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ received: count, created: count });
  expect(await h.store.getCatalogRow('products', `p${count - 1}`)).toMatchObject({ price: count - 1 });
  let stored = 0;
  for (let cursor = 0, more = true; more; ) {
    const page = await h.store.pullCatalog(cursor, 10_000);
    stored += page.changes.length;
    cursor = page.cursor;
    more = page.hasMore;
  }
  expect(stored).toBe(count);
}, 30_000);
