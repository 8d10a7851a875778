// Issue 7 (hybrid lookup): a terminal placed in a warehouse holds only that warehouse's products,
// cells and operators and looks up the rest online; rows that leave its warehouse leave its replica;
// moved to another warehouse it downloads the new scope whole. Whole processes over loopback.
import { expect, test } from 'vitest';
import { e2eProduct, e2eProductId, e2eUnitBarcode } from '../src/testing/fixtures.js';
import { accounting, cli, enrollWithPrintedCode, runCli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

const e2e = loopbackFixture('scope');

const terminal = (...args: string[]) => cli(['terminal', ...args, '--state', e2e.stateDir]);
const product = (i: number, warehouseIds?: string[]) => ({
  ...e2eProduct(i),
  ...(warehouseIds ? { warehouseIds } : {}),
});
const status = async () =>
  JSON.parse(await terminal('status', '--json')) as {
    deviceId: string;
    counts: Record<string, number>;
    checksums: Record<string, number>;
    warehouse?: { id: string; name?: string };
  };
const lookupId = async (i: number) => {
  const found = JSON.parse(await terminal('lookup', e2eUnitBarcode(i), '--json')) as {
    product?: { id: string };
  } | null;
  return found?.product?.id ?? null;
};

test('a terminal holds its warehouse, looks up the rest, and follows a move to another warehouse', async () => {
  let server = await e2e.startServer();
  const acc = accounting(server.url, server.apiKey);
  const put = async (table: string, rows: unknown[]) =>
    expect((await acc.call('PUT', `/api/v1/catalog/${table}`, rows)).status).toBe(200);
  await put('warehouses', [
    { id: 'W1', name: 'Main' },
    { id: 'W2', name: 'Cold store' },
  ]);
  await put('products', [
    product(1, ['W1']),
    product(2, ['W1']),
    product(3, ['W2']),
    product(4, ['W2']),
    product(5), // no warehouses named: kept everywhere
  ]);
  await put('cells', [
    { id: 'C1', name: 'A-01', warehouseId: 'W1', barcodes: ['CELL-A01'] },
    { id: 'C2', name: 'F-01', warehouseId: 'W2', barcodes: ['CELL-F01'] },
    { id: 'C3', name: 'Gate', barcodes: ['CELL-GATE'] },
  ]);
  await put('users', [
    { id: 'U1', name: 'Anna', pin: '1111', warehouseIds: ['W1'] },
    { id: 'U2', name: 'Boris', pin: '2222', warehouseIds: ['W2'] },
    { id: 'U3', name: 'Vera', pin: '3333' },
  ]);
  await enrollWithPrintedCode(server, e2e.stateDir);
  const { deviceId } = await status();

  // Bad placements are refused and change nothing.
  const place = (id: string, warehouseId: string | null) =>
    acc.call('PUT', `/api/v1/devices/${encodeURIComponent(id)}/warehouse`, { warehouseId });
  const noWarehouse = await place(deviceId, 'W9');
  expect(noWarehouse.status).toBe(404);
  expect(noWarehouse.body).toMatchObject({ error: { code: 'CATALOG_ROW_NOT_FOUND' } });
  const noDevice = await place('no-such-device', 'W1');
  expect(noDevice.status).toBe(404);
  expect(noDevice.body).toMatchObject({ error: { code: 'DEVICE_NOT_FOUND' } });
  expect((await place(deviceId, '')).status).toBe(400);

  expect((await place(deviceId, 'W1')).status).toBe(204);
  const registry = (await acc.call('GET', '/api/v1/devices')).body as {
    items: { id: string; warehouseId?: string }[];
  };
  expect(registry.items.find((d) => d.id === deviceId)?.warehouseId).toBe('W1');

  // Task documents: another warehouse's document for anyone stays off this terminal.
  const task = (id: string, extra: Record<string, unknown>) =>
    acc.call('POST', '/api/v1/documents', {
      id,
      type: 'picking',
      lines: [{ productId: e2eProductId(5), qty: 1 }],
      ...extra,
    });
  for (const [id, extra] of [
    ['D-W1', { warehouseId: 'W1' }],
    ['D-W2', { warehouseId: 'W2' }],
    ['D-ANY', {}],
    ['D-MINE', { warehouseId: 'W2', assignee: { deviceId } }],
  ] as const)
    expect((await task(id, extra)).status).toBe(200);

  await terminal('sync');
  expect(await status()).toMatchObject({
    counts: { products: 3, cells: 2, users: 2, warehouses: 2 },
    warehouse: { id: 'W1', name: 'Main' },
  });
  expect(await terminal('status')).toContain('warehouse: W1 Main');
  const docs = JSON.parse(await terminal('docs', '--json')) as { id: string }[];
  expect(docs.map((d) => d.id).sort()).toEqual(['D-ANY', 'D-MINE', 'D-W1']);
  // Another warehouse's product is answered by the server (and cached outside the replica).
  expect(await lookupId(3)).toBe(e2eProductId(3));
  expect((await status()).counts).toMatchObject({ products: 3 });

  // Product 1 moves to the cold store, product 4 is now kept in both: the delta follows.
  await put('products', [product(1, ['W2']), product(4, ['W1', 'W2'])]);
  await terminal('sync');
  expect((await status()).counts).toMatchObject({ products: 3 });
  await server.stop();
  // Offline, the replica answers alone: 1 has left it, 4 has joined it, 3 is still cached.
  expect(await lookupId(1)).toBeNull();
  expect(await lookupId(2)).toBe(e2eProductId(2));
  expect(await lookupId(4)).toBe(e2eProductId(4));
  expect(await lookupId(3)).toBe(e2eProductId(3));
  const offlineSync = await runCli(['terminal', 'sync', '--state', e2e.stateDir]);
  expect(offlineSync.code).not.toBe(0);

  // The terminal moves to the cold store: its next exchange downloads that warehouse's catalog whole.
  server = await e2e.startServer();
  const acc2 = accounting(server.url, server.apiKey);
  // This time the admin uses the command line.
  const admin = ['--server', server.url, '--key', server.apiKey];
  expect(await cli(['devices', 'place', deviceId, 'W2', ...admin])).toContain(
    `${deviceId} holds warehouse W2`,
  );
  const ghost = await runCli(['devices', 'place', 'no-such-device', 'W2', ...admin]);
  expect(ghost.code).not.toBe(0);
  expect(ghost.stderr).toContain('DEVICE_NOT_FOUND');
  expect(await cli(['devices', 'list', ...admin])).toMatch(new RegExp(`${deviceId} .*warehouse W2`));
  const refetch = JSON.parse(await terminal('sync', '--json')) as { refetched: string[] };
  expect(refetch.refetched).toEqual(expect.arrayContaining(['products', 'cells', 'users']));
  expect((await status()).counts).toMatchObject({ products: 4, cells: 2, users: 2, warehouses: 2 });
  const again = JSON.parse(await terminal('sync', '--json')) as {
    refetched: string[];
    pulledChanges: number;
  };
  expect(again).toMatchObject({ refetched: [], pulledChanges: 0 });

  // Taken out of any warehouse, it holds the whole catalog again, and the checksums agree.
  await acc2.call('PUT', `/api/v1/devices/${encodeURIComponent(deviceId)}/warehouse`, { warehouseId: null });
  await terminal('sync');
  const whole = await status();
  expect(whole.counts).toMatchObject({ products: 5, cells: 3, users: 3, warehouses: 2 });
  expect(whole.warehouse).toBeUndefined();
  const registry2 = (await acc2.call('GET', '/api/v1/devices')).body as {
    items: { id: string; warehouseId?: string }[];
  };
  expect(registry2.items.find((d) => d.id === deviceId)?.warehouseId).toBeUndefined();

  // Lost: the admin revokes it, and its token no longer opens the device API.
  expect(await cli(['devices', 'revoke', deviceId, ...admin])).toContain(`${deviceId} is revoked`);
  const revoked = await runCli(['terminal', 'sync', '--state', e2e.stateDir]);
  expect(revoked.code).not.toBe(0);
  expect(revoked.stderr).toContain('AUTH_INVALID_TOKEN');
}, 240_000);
