import { PROTOCOL_VERSION } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { codeOf, enrollDevice, type Harness, KEY, startHarness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const milk = {
  id: 'p1',
  name: 'Milk',
  barcodes: ['4600000000015'],
  packings: [{ id: 'box', name: 'Box', factor: 6, barcodes: ['14600000000012'] }],
};

async function setUp(): Promise<{ authorization: string }> {
  const put = (table: string, rows: unknown[]) =>
    h.app.inject({ method: 'PUT', url: `/api/v1/catalog/${table}`, headers: KEY, payload: rows });
  expect((await put('products', [milk])).statusCode).toBe(200);
  expect((await put('cells', [{ id: 'c1', name: 'A-01', barcodes: ['CELL-A01'] }])).statusCode).toBe(200);
  return (await enrollDevice(h)).auth;
}

const lookup = (auth: Record<string, string>, barcode: string) =>
  h.app.inject({ method: 'POST', url: '/device/v1/lookup', headers: auth, payload: { barcode } });

test('lookup answers a product, a box packing, a GS1 scan of the box, a cell, or nothing', async () => {
  const auth = await setUp();
  expect((await lookup(auth, ' 4600000000015 ')).json()).toEqual({ product: milk });
  expect((await lookup(auth, '14600000000012')).json()).toEqual({ product: milk, packing: milk.packings[0] });
  expect((await lookup(auth, '(01)14600000000012(10)LOT7')).json()).toMatchObject({ packing: { id: 'box' } });
  expect((await lookup(auth, 'CELL-A01')).json()).toMatchObject({ cell: { id: 'c1', name: 'A-01' } });
  expect((await lookup(auth, 'nothing')).json()).toEqual({});
});

test('lookup and stock need a device token', async () => {
  await setUp();
  expect(codeOf(await lookup({}, '4600000000015'))).toBe('AUTH_MISSING');
  expect(codeOf(await lookup({ authorization: 'Bearer nope' }, '4600000000015'))).toBe('AUTH_INVALID_TOKEN');
});

test('stock by cell is uploaded by the integration API and asked by terminals', async () => {
  const auth = await setUp();
  const rows = [
    { productId: 'p1', cellId: 'c1', warehouseId: 'w1', qty: 7 },
    { productId: 'p1', cellId: 'c2', qty: 2 },
  ];
  const put = await h.app.inject({ method: 'PUT', url: '/api/v1/stock', headers: KEY, payload: rows });
  expect(put.json()).toEqual({ stored: 2 });
  const res = await h.app.inject({
    method: 'POST',
    url: '/device/v1/stock',
    headers: auth,
    payload: { productId: 'p1' },
  });
  expect(res.json()).toEqual({ items: [rows[1], rows[0]] });
});

test('hello carries the lookup placement, products hybrid by default, as the admin sets it', async () => {
  const auth = await setUp();
  const hello = () =>
    h.app.inject({
      method: 'POST',
      url: '/device/v1/hello',
      headers: auth,
      payload: { protocolVersion: PROTOCOL_VERSION, appVersion: '1.0.0', configVersion: 'sha256:x' },
    });
  expect((await hello()).json().config.lookup).toEqual({ products: { placement: 'hybrid' } });
  const placement = { products: { placement: 'device' }, cells: { placement: 'server' } };
  const set = await h.app.inject({
    method: 'PUT',
    url: '/api/v1/lookup-placement',
    headers: KEY,
    payload: placement,
  });
  expect(set.statusCode).toBe(200);
  expect((await hello()).json().config.lookup).toEqual(placement);
  const bad = await h.app.inject({
    method: 'PUT',
    url: '/api/v1/lookup-placement',
    headers: KEY,
    payload: { products: { placement: 'cloud' } },
  });
  expect(codeOf(bad)).toBe('REQ_VALIDATION');
});
