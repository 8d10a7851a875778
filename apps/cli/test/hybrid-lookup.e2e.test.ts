// Issue 7 acceptance (hybrid lookup), with whole processes over loopback: a barcode the terminal's
// replica misses is answered by the server and cached; offline, a miss is recorded as unknown and the
// server fills it in at the next exchange when it knows the barcode.
import { expect, test } from 'vitest';
import { gtinWithCheckDigit } from '../src/demo-types.js';
import { e2eBoxBarcode, e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import { accounting, cli, enrollWithPrintedCode, runCli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

const e2e = loopbackFixture('hybrid');

interface FactJson {
  productId: string | null;
  qty: number;
  packQty?: number;
  packingId?: string;
  unknown?: boolean;
  resolvedByBase?: boolean;
  barcode?: string;
  planLineId: string | null;
}

const terminal = (...args: string[]) => cli(['terminal', ...args, '--state', e2e.stateDir]);
const lookupJson = async (barcode: string) =>
  JSON.parse(await terminal('lookup', barcode, '--json')) as {
    kind?: string;
    product?: { id: string };
  } | null;

test('a miss is answered by the server and cached; offline misses are resolved at the next sync', async () => {
  let server = await e2e.startServer();
  const acc = accounting(server.url, server.apiKey);
  await acc.call('PUT', '/api/v1/catalog/products', productsNdjson(1, 2), 'application/x-ndjson');
  await acc.call('PUT', '/api/v1/catalog/cells', [{ id: 'C1', name: 'A-01', barcodes: ['CELL-A01'] }]);
  const created = await acc.call('POST', '/api/v1/documents', {
    id: 'R-7',
    type: 'inventory', // counts products outside the plan and keeps unknown barcodes
    lines: [{ productId: e2eProductId(1), qty: 1 }],
  });
  expect(created.status).toBe(200);
  await enrollWithPrintedCode(server, e2e.stateDir);
  await terminal('sync');
  const checksumsOf = async () =>
    (JSON.parse(await terminal('status', '--json')) as { checksums: Record<string, number> }).checksums;
  const synced = await checksumsOf();

  // Products 3 and 4 reach the base after the terminal's last exchange: its replica does not hold them.
  await acc.call('PUT', '/api/v1/catalog/products', productsNdjson(3, 4), 'application/x-ndjson');
  expect(await lookupJson(e2eUnitBarcode(1))).toMatchObject({
    kind: 'product',
    product: { id: e2eProductId(1) },
  });
  expect(await lookupJson(e2eUnitBarcode(3))).toMatchObject({
    kind: 'product',
    product: { id: e2eProductId(3) },
  });

  // Stock by cell stays on the base and is asked online only.
  const stock = [{ productId: e2eProductId(1), cellId: 'C1', warehouseId: 'W1', qty: 40 }];
  expect((await acc.call('PUT', '/api/v1/stock', stock)).body).toEqual({ stored: 1 });
  expect(JSON.parse(await terminal('stock', e2eProductId(1), '--json'))).toEqual({ items: stock });

  await server.stop();
  const offlineStock = await runCli(['terminal', 'stock', e2eProductId(1), '--state', e2e.stateDir]);
  expect(offlineStock.code).not.toBe(0);
  expect(offlineStock.stderr).toContain('SYNC_OFFLINE');
  // Offline: the cached answer still serves lookups and scans; other misses become unknown facts.
  expect(await lookupJson(e2eUnitBarcode(3))).toMatchObject({ product: { id: e2eProductId(3) } });
  expect(await lookupJson(e2eUnitBarcode(4))).toBeNull();
  // The cache is kept apart from the replica: its checksums are still those of the last exchange.
  expect(await checksumsOf()).toEqual(synced);
  const scan = (barcode: string) =>
    terminal('scan', '--doc', 'R-7', '--cell', 'CELL-A01', '--barcode', barcode, '--json');
  expect(JSON.parse(await scan(e2eUnitBarcode(3)))).toMatchObject({
    ok: true,
    fact: { productId: e2eProductId(3) },
  });
  expect(JSON.parse(await scan(e2eBoxBarcode(4)))).toMatchObject({
    ok: true,
    fact: { productId: null, unknown: true },
  });
  const stranger = gtinWithCheckDigit('299999999999');
  expect(JSON.parse(await scan(stranger))).toMatchObject({ ok: true, fact: { unknown: true } });
  await terminal('complete', '--doc', 'R-7');

  server = await e2e.startServer();
  const acc2 = accounting(server.url, server.apiKey);
  await terminal('sync');
  const doc = (await acc2.call('GET', '/api/v1/documents/R-7')).body as { status: string; facts: FactJson[] };
  expect(doc.status).toBe('completed');
  const byBarcode = (code: string) => doc.facts.find((f) => f.barcode === code);
  expect(byBarcode(e2eUnitBarcode(3))).toMatchObject({ productId: e2eProductId(3), qty: 1 });
  expect(byBarcode(e2eBoxBarcode(4))).toMatchObject({
    productId: e2eProductId(4),
    packingId: `${e2eProductId(4)}-box`,
    packQty: 1,
    qty: 12,
    resolvedByBase: true,
  });
  expect(byBarcode(e2eBoxBarcode(4))?.unknown).toBeUndefined();
  expect(byBarcode(stranger)).toMatchObject({ productId: null, unknown: true });
}, 120_000);
