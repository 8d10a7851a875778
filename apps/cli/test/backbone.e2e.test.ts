// Issue 2 acceptance, with whole processes over loopback: a task goes from the accounting system to an
// offline virtual terminal and back, exactly once.
import { expect, test } from 'vitest';
import { gtinWithCheckDigit } from '../src/demo-types.js';
import { e2eBoxBarcode, e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import { accounting, cli, enrollWithPrintedCode, runCli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

const e2e = loopbackFixture('backbone');

interface FactJson {
  productId: string | null;
  qty: number;
  packQty?: number;
  unknown?: boolean;
  barcode?: string;
  planLineId: string | null;
}

test('a receipt reaches an offline terminal, is scanned and completed, and is exported exactly once', async () => {
  let server = await e2e.startServer();
  const acc = accounting(server.url, server.apiKey);

  const upload = await acc.call(
    'PUT',
    '/api/v1/catalog/products',
    productsNdjson(1, 10_000),
    'application/x-ndjson',
  );
  expect(upload.status).toBe(200);
  expect(upload.body).toMatchObject({ received: 10_000, created: 10_000 });
  const created = await acc.call('POST', '/api/v1/documents', {
    id: 'R-1',
    type: 'receipt',
    number: 'ПР-1',
    lines: [
      { productId: e2eProductId(1), qty: 2 },
      { productId: e2eProductId(2), qty: 12 },
      { productId: e2eProductId(3), qty: 1 },
    ],
  });
  expect(created.status).toBe(200);

  await enrollWithPrintedCode(server, e2e.stateDir);
  const firstSync = JSON.parse(await cli(['terminal', 'sync', '--state', e2e.stateDir, '--json'])) as Record<
    string,
    number
  >;
  expect(firstSync.pulledChanges).toBe(10_000);
  expect(firstSync.pulledDocuments).toBe(1);

  await server.stop();

  const scan = (barcode: string) =>
    runCli(['terminal', 'scan', '--state', e2e.stateDir, '--doc', 'R-1', '--barcode', barcode]);
  expect((await scan(e2eUnitBarcode(1))).code).toBe(0);
  expect((await scan(e2eUnitBarcode(1))).code).toBe(0);
  expect((await scan(e2eBoxBarcode(2))).code).toBe(0); // a box of 12
  expect((await scan(e2eUnitBarcode(3))).code).toBe(0);
  const over = await scan(e2eUnitBarcode(3));
  expect(over.code).toBe(1);
  expect(over.stderr).toContain('SCAN_OVER_PLAN');
  const unknownCode = gtinWithCheckDigit('299999999999');
  const unknown = await scan(unknownCode);
  expect(unknown.code).toBe(0); // a receipt keeps unknown barcodes for the accounting side
  await cli(['terminal', 'complete', '--state', e2e.stateDir, '--doc', 'R-1']);

  server = await e2e.startServer();
  const acc2 = accounting(server.url, server.apiKey);
  const sync = JSON.parse(await cli(['terminal', 'sync', '--state', e2e.stateDir, '--json'])) as Record<
    string,
    number
  >;
  expect(sync.pushed).toBeGreaterThanOrEqual(6);

  const listed = await acc2.call('GET', '/api/v1/documents?status=completed');
  const items = listed.body.items as { id: string; status: string; facts: FactJson[] }[];
  expect(items.map((d) => d.id)).toEqual(['R-1']);
  const facts = items[0]!.facts;
  expect(facts).toHaveLength(5);
  const byProduct = (id: string | null) => facts.filter((f) => f.productId === id);
  expect(byProduct(e2eProductId(1)).map((f) => f.qty)).toEqual([1, 1]);
  expect(byProduct(e2eProductId(2))).toMatchObject([{ qty: 12, packQty: 1, planLineId: '2' }]);
  expect(byProduct(e2eProductId(3)).map((f) => f.qty)).toEqual([1]);
  expect(byProduct(null)).toMatchObject([{ unknown: true, barcode: unknownCode, qty: 1 }]);

  expect((await acc2.call('POST', '/api/v1/documents/R-1/ack')).status).toBe(200);
  const after = await acc2.call('GET', '/api/v1/documents?status=completed');
  expect(after.body.items).toEqual([]);

  // A second exchange sends nothing again and the document stays exported once.
  const again = JSON.parse(await cli(['terminal', 'sync', '--state', e2e.stateDir, '--json'])) as Record<
    string,
    number
  >;
  expect(again.pushed).toBe(0);
  expect((await acc2.call('GET', '/api/v1/documents/R-1')).body).toMatchObject({ status: 'exported' });
});
