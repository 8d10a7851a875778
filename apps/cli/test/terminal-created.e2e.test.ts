// A document made on the terminal, with whole processes: the virtual terminal creates an inventory
// while the server is down, counts into it and finishes it; at the next sync the base takes the
// document (origin 'terminal') with its facts and the integration API lists it for export.
import { beforeAll, expect, test } from 'vitest';
import { e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import { accounting, cli, type RunningServer, runCli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';
import { docs, sync, type VirtualTerminal } from '../src/testing/terminals.js';

const e2e = loopbackFixture('created');
let server: RunningServer | undefined;
let terminal: VirtualTerminal | undefined;

beforeAll(async () => {
  server = await e2e.startServer();
  const acc = accounting(server.url, server.apiKey);
  await acc.call('PUT', '/api/v1/catalog/products', productsNdjson(1, 2), 'application/x-ndjson');
  await acc.call('PUT', '/api/v1/catalog/cells', [{ id: 'C1', name: 'Cell 1', barcodes: ['CELL-C1'] }]);
  terminal = await e2e.enrollTerminal(server, 't-created');
  await sync(terminal);
}, 90_000);

test('an inventory created offline is counted, finished and reaches the accounting side', async () => {
  const t = terminal!;
  await server!.stop(); // offline from here: create, scan and complete need no server
  const id = (
    await cli(['terminal', 'create', '--state', t.state, '--type', 'inventory', '--number', 'INV-T1'])
  ).trim();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  for (const barcode of [e2eUnitBarcode(1), e2eUnitBarcode(1), e2eUnitBarcode(2)]) {
    await cli([
      'terminal',
      'scan',
      '--state',
      t.state,
      '--doc',
      id,
      '--cell',
      'CELL-C1',
      '--barcode',
      barcode,
    ]);
  }
  await cli(['terminal', 'complete', '--state', t.state, '--doc', id]);
  const local = (await docs(t)).find((d) => d.id === id);
  expect(local).toMatchObject({ status: 'completed' });
  expect(local?.facts).toHaveLength(3);

  server = await e2e.startServer();
  const pushed = await sync(t);
  expect(pushed).toMatchObject({ pushed: 5, pending: 0, rejected: [] });

  const acc = accounting(server.url, server.apiKey);
  const listed = await acc.call('GET', '/api/v1/documents?status=completed&after=0&limit=100');
  const items = listed.body['items'] as Record<string, unknown>[];
  const doc = items.find((d) => d['id'] === id);
  expect(doc).toMatchObject({
    type: 'inventory',
    number: 'INV-T1',
    status: 'completed',
    origin: 'terminal',
    lines: [],
    deviceId: t.deviceId,
  });
  const facts = (doc?.['facts'] ?? []) as { productId: string; qty: number; cellId?: string }[];
  expect(facts.map((f) => [f.productId, f.qty, f.cellId])).toEqual([
    [e2eProductId(1), 1, 'C1'],
    [e2eProductId(1), 1, 'C1'],
    [e2eProductId(2), 1, 'C1'],
  ]);
}, 180_000);

test('a type the configuration keeps to the accounting system is refused with DOC_NOT_CREATABLE', async () => {
  const r = await runCli(['terminal', 'create', '--state', terminal!.state, '--type', 'receipt']);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain('DOC_NOT_CREATABLE');
}, 60_000);
