// Issue 2 acceptance, failure cases with whole processes: a cut pull resumes without re-downloading, a
// push whose answer was lost changes nothing when repeated, a killed terminal loses no confirmed scan,
// and a delta pull carries only what changed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CuttingProxy } from '../src/testing/cutting-proxy.js';
import { e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import { accounting, cli, REPO_ROOT, runCli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

const PRODUCTS = 5_000;
const e2e = loopbackFixture('res');
let proxy: CuttingProxy;
let acc: ReturnType<typeof accounting>;

interface Status {
  checksums: Record<string, number>;
  counts: Record<string, number>;
  outbox: { pending: number; next: number };
}

const status = async () =>
  JSON.parse(await cli(['terminal', 'status', '--state', e2e.stateDir, '--json'])) as Status;
const sync = () => runCli(['terminal', 'sync', '--state', e2e.stateDir, '--json']);

beforeAll(async () => {
  const server = await e2e.startServer();
  acc = accounting(server.url, server.apiKey);
  await acc.call('PUT', '/api/v1/catalog/products', productsNdjson(1, PRODUCTS), 'application/x-ndjson');
  await acc.call('POST', '/api/v1/documents', {
    id: 'INV-1',
    type: 'inventory',
    lines: [{ productId: e2eProductId(1), qty: 100, cellId: 'C1' }],
  });
  await acc.call('PUT', '/api/v1/catalog/cells', [{ id: 'C1', name: 'Cell 1', barcodes: ['CELL-C1'] }]);
  proxy = await CuttingProxy.start(server.url);
  await cli([
    'terminal',
    'enroll',
    '--server',
    proxy.url,
    '--code',
    server.enrollmentCode,
    '--state',
    e2e.stateDir,
  ]);
});

afterAll(async () => {
  await proxy?.close();
});

const pulls = (list: { path: string; requestBody: string; responseBody: string }[]) =>
  list.filter((e) => e.path.endsWith('/pull'));

test('a pull cut off after some pages resumes from the last stored page', async () => {
  let pullCount = 0;
  proxy.setVerdict((ex) => (ex.path.endsWith('/pull') && ++pullCount === 2 ? 'drop' : 'deliver'));
  const cut = await sync();
  expect(cut.code).not.toBe(0);
  expect(cut.stderr).toContain('SYNC_OFFLINE');

  proxy.setVerdict(() => 'deliver');
  expect((await sync()).code).toBe(0);

  const delivered = pulls(proxy.delivered);
  const requestedCursors = delivered.map(
    (e) => (JSON.parse(e.requestBody) as { catalogCursor: number }).catalogCursor,
  );
  expect(new Set(requestedCursors).size).toBe(requestedCursors.length); // no page received twice
  const rows = delivered.flatMap(
    (e) => (JSON.parse(e.responseBody) as { catalog: { changes: { id: string }[] } }).catalog.changes,
  );
  expect(new Set(rows.map((r) => r.id)).size).toBe(PRODUCTS + 1); // products and the cell, each once
  expect(rows.length).toBe(PRODUCTS + 1);

  const last = JSON.parse(delivered.at(-1)!.responseBody) as {
    catalog: { checksums: Record<string, number> };
  };
  const local = await status();
  expect(local.counts.products).toBe(PRODUCTS);
  expect(local.checksums).toEqual(last.catalog.checksums);
});

test('a push whose answer was lost is sent again and changes nothing the second time', async () => {
  for (const qty of ['3', '4', '5']) {
    await cli([
      'terminal',
      'scan',
      '--state',
      e2e.stateDir,
      '--doc',
      'INV-1',
      '--cell',
      'CELL-C1',
      '--barcode',
      e2eUnitBarcode(1),
      '--qty',
      qty,
    ]);
  }
  let pushes = 0;
  proxy.setVerdict((ex) => (ex.path.endsWith('/push') && ++pushes === 1 ? 'drop' : 'deliver'));
  expect((await sync()).code).not.toBe(0);
  const lost = proxy.dropped.filter((e) => e.path.endsWith('/push'));
  expect(lost).toHaveLength(1);
  const afterLost = (await acc.call('GET', '/api/v1/documents/INV-1')).body as { facts: unknown[] };
  expect(afterLost.facts).toHaveLength(3); // applied by the server although the terminal never heard

  proxy.setVerdict(() => 'deliver');
  expect((await sync()).code).toBe(0);
  // The push carrying mutations (a push with only log lines follows it).
  const repeat = proxy.delivered
    .filter((e) => e.path.endsWith('/push') && !e.requestBody.startsWith('{"mutations":[]'))
    .at(-1)!;
  expect(repeat.requestBody).toBe(lost[0]!.requestBody);
  const results = (JSON.parse(repeat.responseBody) as { results: { status: string }[] }).results;
  expect(results.every((r) => r.status === 'duplicate')).toBe(true);
  const doc = (await acc.call('GET', '/api/v1/documents/INV-1')).body as { facts: { qty: number }[] };
  expect(doc.facts.map((f) => f.qty).sort()).toEqual([3, 4, 5]);
  expect((await status()).outbox.pending).toBe(0);
});

test('a terminal killed with SIGKILL right after confirming scans loses none of them', async () => {
  const confirmed: number[] = [];
  for (let i = 0; i < 8; i++) {
    const qty = 10 + i;
    const child = spawn(
      process.execPath,
      [
        path.join(REPO_ROOT, 'apps/cli/bin/shelfsync.js'),
        'terminal',
        'scan',
        '--state',
        e2e.stateDir,
        '--doc',
        'INV-1',
        '--cell',
        'CELL-C1',
        '--barcode',
        e2eUnitBarcode(2),
        '--qty',
        String(qty),
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Kill the moment the operator would see the confirmation, before the process can tidy up.
    await new Promise<void>((resolve) => {
      child.stdout.once('data', () => {
        confirmed.push(qty);
        child.kill('SIGKILL');
      });
      child.once('exit', () => resolve());
    });
  }
  expect(confirmed.length).toBe(8);
  expect((await sync()).code).toBe(0);
  const doc = (await acc.call('GET', '/api/v1/documents/INV-1')).body as {
    facts: { productId: string; qty: number }[];
  };
  const got = doc.facts.filter((f) => f.productId === e2eProductId(2)).map((f) => f.qty);
  expect(got.sort((a, b) => a - b)).toEqual(confirmed);
});

test('after 100 products change and 10 are deleted the next pull transfers only those', async () => {
  expect((await sync()).code).toBe(0);
  const changed = await acc.call(
    'PUT',
    '/api/v1/catalog/products',
    productsNdjson(101, 200, ' (new)'),
    'application/x-ndjson',
  );
  expect(changed.body).toMatchObject({ updated: 100 });
  for (let i = 1001; i <= 1010; i++) {
    expect((await acc.call('DELETE', `/api/v1/catalog/products/${e2eProductId(i)}`)).status).toBe(204);
  }
  // An unchanged re-upload of everything else gives no new versions.
  await acc.call('PUT', '/api/v1/catalog/products', productsNdjson(201, 1000), 'application/x-ndjson');

  const before = proxy.delivered.length;
  const r = await sync();
  expect(r.code).toBe(0);
  expect((JSON.parse(r.stdout) as { pulledChanges: number }).pulledChanges).toBe(110);
  const changes = pulls(proxy.delivered.slice(before)).flatMap(
    (e) => (JSON.parse(e.responseBody) as { catalog: { changes: { op: string }[] } }).catalog.changes,
  );
  expect(changes.filter((c) => c.op === 'put')).toHaveLength(100);
  expect(changes.filter((c) => c.op === 'del')).toHaveLength(10);
  expect((await status()).counts.products).toBe(PRODUCTS - 10);
});
