// In-browser cases for the chunked catalog beyond the shared contract: enough rows to spread over
// every bucket, lookups before and after compaction, updates, deletes and awkward ids.

import { addChecksum, type CatalogChange, rowChecksum } from '@shelfsync/protocol';
import type { PullPage } from '@shelfsync/terminal-core';
import { describe, expect, test } from 'vitest';
import { IdbTerminalStore } from '../src/storage/idb-terminal-store.js';

let opened = 0;
const openStore = (): Promise<IdbTerminalStore> => IdbTerminalStore.open(`cases-${Date.now()}-${opened++}`);

function productChange(i: number, seq: number, id = `p-${i}`, codes = [`${i}`]): CatalogChange {
  const row = {
    id,
    name: `Product ${i}`,
    barcodes: codes,
    packings: [{ id: `${id}-box`, name: 'Box', factor: 6, barcodes: [`B${i}`] }],
  };
  return { op: 'put', table: 'products', id, seq, row };
}

function pageOf(changes: CatalogChange[], cursor: number): PullPage {
  return { changes, catalogCursor: cursor, documents: [], revoked: [], docCursor: 0 };
}

describe('chunked catalog in Chromium', () => {
  test('ten thousand products over four pages are found before and after compaction', async () => {
    const store = await openStore();
    let sum = 0;
    for (let p = 0; p < 4; p++) {
      const changes = Array.from({ length: 2500 }, (_, k) => productChange(p * 2500 + k, p * 2500 + k + 1));
      for (const c of changes) sum = addChecksum(sum, rowChecksum(c.id, c.seq));
      await store.applyPullPage(pageOf(changes, (p + 1) * 2500));
    }
    const sample = [0, 1, 127, 128, 2499, 2500, 5000, 7777, 9999];
    const check = async (): Promise<void> => {
      for (const i of sample) {
        expect(await store.lookupBarcode(`${i}`)).toEqual([{ productId: `p-${i}` }]);
        expect(await store.lookupBarcode(`B${i}`)).toEqual([
          { productId: `p-${i}`, packingId: `p-${i}-box` },
        ]);
      }
      expect(await store.lookupBarcode('10000')).toEqual([]);
    };
    await check();
    expect((await store.catalogCount()).products).toBe(10_000);
    expect((await store.catalogChecksums()).products).toBe(sum);
    await check();
    const first = await store.listRows('products', { limit: 3 });
    expect(first.rows.map((r) => r.id)).toEqual(['p-0', 'p-1', 'p-10']);
    await store.close();
  });

  test('updates and deletes after compaction retire the old barcodes', async () => {
    const store = await openStore();
    await store.applyPullPage(
      pageOf(
        Array.from({ length: 1000 }, (_, i) => productChange(i, i + 1)),
        1000,
      ),
    );
    expect((await store.catalogCount()).products).toBe(1000);
    const updates = Array.from({ length: 100 }, (_, i) => productChange(i, 2000 + i, `p-${i}`, [`new-${i}`]));
    const deletes: CatalogChange[] = Array.from({ length: 100 }, (_, i) => ({
      op: 'del',
      table: 'products',
      id: `p-${500 + i}`,
      seq: 3000 + i,
    }));
    await store.applyPullPage(pageOf([...updates, ...deletes], 3100));
    for (const i of [0, 50, 99]) {
      expect(await store.lookupBarcode(`${i}`)).toEqual([]);
      expect(await store.lookupBarcode(`new-${i}`)).toEqual([{ productId: `p-${i}` }]);
      expect(await store.lookupBarcode(`B${i}`)).toEqual([{ productId: `p-${i}`, packingId: `p-${i}-box` }]);
    }
    for (const i of [500, 599]) {
      expect(await store.lookupBarcode(`${i}`)).toEqual([]);
      expect(await store.getRow('products', `p-${i}`)).toBeUndefined();
    }
    expect((await store.catalogCount()).products).toBe(900);
    expect(await store.lookupBarcode('0')).toEqual([]);
    expect(await store.lookupBarcode('new-0')).toEqual([{ productId: 'p-0' }]);
    await store.close();
  });

  test('ids and barcodes holding the format separators survive', async () => {
    const store = await openStore();
    const odd = ['a,b', 'tab\there', 'new\nline', 'pct%2c', '%'];
    await store.applyPullPage(
      pageOf(
        odd.map((id, i) => productChange(i, i + 1, id, [`${id}|code`, `x,${i}`])),
        5,
      ),
    );
    for (const [i, id] of odd.entries()) {
      expect(await store.lookupBarcode(`x,${i}`)).toEqual([{ productId: id }]);
      expect(await store.lookupBarcode(`${id}|code`)).toEqual([{ productId: id }]);
      expect((await store.getRow('products', id))?.id).toBe(id);
    }
    const sum = odd.reduce((s, id, i) => addChecksum(s, rowChecksum(id, i + 1)), 0);
    expect((await store.catalogChecksums()).products).toBe(sum);
    expect((await store.listRows('products', { limit: 10 })).rows.map((r) => r.id)).toEqual([...odd].sort());
    await store.close();
  });

  test('three hundred one-row pages, past the compaction threshold, stay findable', async () => {
    const store = await openStore();
    for (let i = 0; i < 300; i++) await store.applyPullPage(pageOf([productChange(i, i + 1)], i + 1));
    for (const i of [0, 255, 256, 299])
      expect(await store.lookupBarcode(`${i}`)).toEqual([{ productId: `p-${i}` }]);
    expect((await store.catalogCount()).products).toBe(300);
    expect(await store.getCursors()).toEqual({ catalog: 300, documents: 0 });
    await store.close();
  });

  test('a row read by a scan is not served again after a reset reloads its id', async () => {
    const store = await openStore();
    await store.applyPullPage(pageOf([productChange(1, 1)], 1));
    expect(await store.lookupBarcode('1')).toEqual([{ productId: 'p-1' }]);
    expect((await store.getRow('products', 'p-1'))?.name).toBe('Product 1');
    await store.resetCatalog();
    const renamed = productChange(1, 2);
    (renamed as { row: Record<string, unknown> }).row['name'] = 'Renamed';
    await store.applyPullPage(pageOf([renamed], 2));
    expect((await store.getRow('products', 'p-1'))?.name).toBe('Renamed');
    await store.resetForEnrollment({
      deviceId: 'd',
      token: 't',
      baseId: 'b',
      urls: [],
      enrolledAt: '2026-01-01T00:00:00Z',
    });
    expect(await store.getRow('products', 'p-1')).toBeUndefined();
    await store.applyPullPage(pageOf([productChange(1, 3)], 3));
    expect((await store.getRow('products', 'p-1'))?.name).toBe('Product 1');
    await store.close();
  });

  test('a barcode shared by many products finds them all, across updates and compactions', async () => {
    const store = await openStore();
    const shared = (i: number, seq: number): CatalogChange => productChange(i, seq, `s-${i}`, ['SHARED']);
    await store.applyPullPage(
      pageOf(
        [0, 1, 2, 3, 4, 5].map((i) => shared(i, i + 1)),
        6,
      ),
    );
    const all = [0, 1, 2, 3, 4, 5].map((i) => ({ productId: `s-${i}` }));
    expect(await store.lookupBarcode('SHARED')).toEqual(all);
    for (let round = 0; round < 3; round++) {
      await store.applyPullPage(pageOf([shared(2, 10 + round)], 10 + round));
      await store.catalogCount();
    }
    const hits = await store.lookupBarcode('SHARED');
    expect(hits.map((h) => h.productId).sort()).toEqual(all.map((h) => h.productId));
    expect(hits.at(-1)).toEqual({ productId: 's-2' });
    await store.close();
  });

  test("a second instance on the same database sees the first one's writes", async () => {
    const name = `cases-peers-${Date.now()}`;
    const reader = await IdbTerminalStore.open(name);
    const writer = await IdbTerminalStore.open(name);
    await writer.applyPullPage(pageOf([productChange(1, 1)], 1));
    expect((await reader.catalogCount()).products).toBe(1);
    expect(await reader.lookupBarcode('1')).toEqual([{ productId: 'p-1' }]);
    expect((await reader.getRow('products', 'p-1'))?.name).toBe('Product 1');
    const renamed = productChange(1, 2, 'p-1', ['one']);
    (renamed as { row: Record<string, unknown> }).row['name'] = 'Renamed';
    await writer.applyPullPage(pageOf([renamed], 2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await reader.getRow('products', 'p-1'))?.name).toBe('Renamed');
    expect(await reader.lookupBarcode('one')).toEqual([{ productId: 'p-1' }]);
    expect(await reader.lookupBarcode('1')).toEqual([]);
    await reader.close();
    await writer.close();
  });
});
