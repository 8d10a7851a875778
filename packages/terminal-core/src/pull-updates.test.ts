import { type Product, ShelfsyncError } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { TestDeviceApi } from './testing/test-device-api.js';
import { receipt, testTerminal } from './testing/test-terminal.js';

function products(api: TestDeviceApi, count: number, from = 0): void {
  for (let i = from; i < from + count; i++) {
    const p: Product = { id: `p${i}`, name: `Product ${i}`, barcodes: [`code-${i}`], packings: [] };
    api.putRow('products', p);
  }
}

async function enrolled(pullLimit: number) {
  const t = testTerminal({ pullLimit });
  await t.engine.enroll(['http://base.test'], 'CODE-1');
  return t;
}

test('a pull cut between pages resumes without fetching a page twice or skipping one', async () => {
  const t = await enrolled(3);
  products(t.api, 10);
  t.api.docPageSize = 1;
  t.api.putDocument(receipt('r1'));
  t.api.putDocument(receipt('r2'));
  // hello and two pages answer, then the link drops.
  let calls = 0;
  const fetch = t.api.fetchAt();
  const cut = testTerminal({
    api: t.api,
    store: t.store,
    pullLimit: 3,
    fetch: async (url, init) => {
      if (url.endsWith('/pull') && ++calls > 2) throw new TypeError('fetch failed');
      return fetch(url, init);
    },
  });
  await expect(cut.engine.sync()).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
  expect(await t.store.getCursors()).toEqual({ catalog: 6, documents: 2 });
  const summary = await t.engine.sync();
  expect(summary).toMatchObject({ pulledChanges: 4, checksumMismatch: [], refetched: [] });
  const cursors = t.api.pulls.map(([c]) => c);
  expect(cursors).toEqual([0, 3, 6, 9]);
  expect(await t.store.catalogChecksums()).toEqual(t.api.checksums());
  expect((await t.store.catalogCount()).products).toBe(10);
  expect((await t.engine.listDocuments()).map((d) => d.id)).toEqual(['r1', 'r2']);
});

test('updates and deletions after a first load arrive as changes', async () => {
  const t = await enrolled(100);
  products(t.api, 3);
  await t.engine.sync();
  t.api.deleteRow('products', 'p0');
  t.api.putRow('products', { id: 'p1', name: 'Renamed', barcodes: ['new-code'], packings: [] } as Product);
  const summary = await t.engine.sync();
  expect(summary.pulledChanges).toBe(2);
  expect(await t.engine.lookup('code-0')).toBeNull();
  expect(await t.engine.lookup('code-1')).toBeNull();
  expect(await t.engine.lookup('new-code')).toMatchObject({ product: { name: 'Renamed' } });
  expect(await t.store.catalogChecksums()).toEqual(t.api.checksums());
});

test('a compacted cursor refetches the whole catalog, deletions included', async () => {
  const t = await enrolled(100);
  products(t.api, 3);
  await t.engine.sync();
  t.api.deleteRow('products', 'p2');
  products(t.api, 1, 3);
  t.api.compactedBelow = 100;
  const summary = await t.engine.sync();
  expect(summary.refetched).toEqual(['products', 'cells', 'warehouses', 'users']);
  expect(await t.engine.lookup('code-2')).toBeNull();
  expect(await t.engine.lookup('code-3')).toMatchObject({ product: { id: 'p3' } });
  expect(await t.store.catalogChecksums()).toEqual(t.api.checksums());
  // Answered pulls only: the first load, then the reload from 0 after the refusal at cursor 3.
  expect(t.api.pulls.map(([c]) => c)).toEqual([0, 0]);
});

test('a base restored from a backup, behind the terminal, is loaded again from 0', async () => {
  const t = await enrolled(100);
  products(t.api, 3);
  await t.engine.sync();
  const restored = new TestDeviceApi();
  products(restored, 1);
  const after = testTerminal({ api: restored, store: t.store });
  const summary = await after.engine.sync();
  expect(summary.refetched).toEqual(['products', 'cells', 'warehouses', 'users']);
  expect((await t.store.catalogCount()).products).toBe(1);
  expect(await t.store.catalogChecksums()).toEqual(restored.checksums());
});

test('SYNC_MUST_REFETCH at cursor 0 is not retried in a loop', async () => {
  const t = await enrolled(100);
  const fetch = t.api.fetchAt();
  const broken = testTerminal({
    api: t.api,
    store: t.store,
    fetch: async (url, init) => {
      if (!url.endsWith('/pull')) return fetch(url, init);
      const body = new ShelfsyncError('SYNC_MUST_REFETCH').toBody();
      return { ok: false, status: 410, text: async () => JSON.stringify(body) };
    },
  });
  await expect(broken.engine.sync()).rejects.toMatchObject({ code: 'SYNC_MUST_REFETCH' });
});

test('a table whose checksum differs is refetched, and only that table', async () => {
  const t = await enrolled(100);
  products(t.api, 2);
  t.api.putRow('cells', { id: 'A-01', name: 'A-01', barcodes: ['CELL-A01'] });
  await t.engine.sync();
  // The replica lost a cell and holds one the base never had.
  await t.store.resetCatalog(['cells']);
  const cursors = await t.store.getCursors();
  await t.store.applyPullPage({
    changes: [
      { op: 'put', table: 'cells', id: 'ghost', seq: 1, row: { id: 'ghost', name: 'G', barcodes: ['G'] } },
    ],
    catalogCursor: 3,
    documents: [],
    revoked: [],
    docCursor: cursors.documents,
  });
  const summary = await t.engine.sync();
  expect(summary.refetched).toEqual(['cells']);
  expect(summary.checksumMismatch).toEqual([]);
  expect(await t.engine.lookup('G')).toBeNull();
  expect(await t.engine.lookup('CELL-A01')).toMatchObject({ kind: 'cell' });
  expect(await t.store.catalogChecksums()).toEqual(t.api.checksums());
});

test('a row that does not match the protocol schema stops the pull before anything is stored', async () => {
  const t = await enrolled(100);
  products(t.api, 1);
  t.api.putRow('products', { id: 'bad', name: '' } as Product);
  await expect(t.engine.sync()).rejects.toMatchObject({ code: 'SYNC_BAD_RESPONSE', details: { id: 'bad' } });
  expect(await t.store.getCursors()).toEqual({ catalog: 0, documents: 0 });
  expect((await t.store.catalogCount()).products).toBe(0);
});

test('a base that says "more" without moving its cursor is refused instead of looping', async () => {
  const t = await enrolled(100);
  const fetch = t.api.fetchAt();
  const stuck = testTerminal({
    api: t.api,
    store: t.store,
    fetch: async (url, init) => {
      const answer = await fetch(url, init);
      if (!url.endsWith('/pull')) return answer;
      const body = JSON.parse(await answer.text()) as { catalog: { hasMore: boolean } };
      body.catalog.hasMore = true;
      return { ok: true, status: 200, text: async () => JSON.stringify(body) };
    },
  });
  await expect(stuck.engine.sync()).rejects.toMatchObject({ code: 'SYNC_BAD_RESPONSE' });
});
