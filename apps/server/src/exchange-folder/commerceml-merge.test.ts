// CommerceML merge rules (docs/integration.md): a 1C base sends its catalog, offers, prices and rests
// again and again, each file alone and in any order; no price or stock figure is ever lost, and an
// identical exchange changes nothing (no new sequence number, nothing for terminals to pull).
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Product, ProductSchema, PullResponseSchema } from '@shelfsync/protocol';
import type { ServerStore } from '@shelfsync/store';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { codeOf, enrollDevice, KEY, startHarness } from '../testing/harness.js';
import { openTestFolder, type TestFolder } from '../testing/test-folder.js';
import { writeCommerceMlSettings } from './commerceml-settings.js';
import { importFile } from './import-file.js';
import type { ImportSummary } from './import-summary.js';

const FIXTURES = fileURLToPath(new URL('../testing/fixtures/cml31/', import.meta.url));
const PACKAGE = ['import.xml', 'offers.xml', 'prices.xml', 'rests.xml'] as const;

let t: TestFolder;
beforeEach(async () => {
  t = await openTestFolder();
  await mkdir(t.dir, { recursive: true });
});
afterEach(async () => t.close());

/** Imports fixture files (or files written into the test folder) one by one, as the folder would. */
async function exchange(store: ServerStore, ...names: string[]): Promise<ImportSummary[]> {
  const out: ImportSummary[] = [];
  for (const name of names) {
    const file = path.join(t.dir, name);
    await copyFile(path.join(FIXTURES, name), file).catch(() => undefined);
    out.push(await importFile(file, { store, scratchDir: t.dir }));
  }
  return out;
}

async function products(store: ServerStore): Promise<Record<string, Product>> {
  const page = await store.pullCatalog(0, 1000);
  return Object.fromEntries(
    page.changes.flatMap((c) => (c.table === 'products' && c.op === 'put' ? [[c.id, c.row as Product]] : [])),
  );
}

const cursorOf = async (store: ServerStore) => (await store.catalogChecksums()).cursor;

describe('a CommerceML 3.1 split package (import, offers, prices, rests)', () => {
  test('the full package gives whole rows: prices of every type, stock, inherited variant fields, props', async () => {
    const summaries = await exchange(t.store, ...PACKAGE);
    expect(summaries.flatMap((s) => s.warnings)).toEqual([]);
    const rows = await products(t.store);
    expect(Object.keys(rows).sort()).toEqual(['boots', 'boots#b38', 'boots#b39', 'milk']);
    expect(rows['milk']).toEqual({
      id: 'milk',
      name: 'Молоко 3,2%',
      sku: 'M-32',
      unit: 'шт',
      barcodes: ['4607001771432'],
      packings: [],
      price: 89.9,
      attrs: {
        catalogId: 'cat-31',
        currency: 'RUB',
        groupIds: 'g-milk',
        'price:pt-bulk': 75,
        'price:pt-retail': 89.9,
        stock: 12.5,
        'stock:wh-main': 10,
        'stock:wh-shop': 2.5,
        unitCode: '796',
        Жирность: 3.2,
      },
      props: { Жирность: '3,2' },
    });
    // A catalog variant without unit or article takes its parent's (and its groups).
    expect(rows['boots#b38']).toMatchObject({
      name: 'Ботинки (38)',
      sku: 'B-100',
      unit: 'пар',
      barcodes: ['2000000000381'],
      price: 4990,
      attrs: {
        parentId: 'boots',
        variantId: 'b38',
        unitCode: '715',
        groupIds: 'g-shoes',
        'price:pt-retail': 4990,
        'price:pt-bulk': 3990,
        stock: 3,
        'stock:wh-main': 3,
      },
      props: { Размер: '38' },
    });
    // A variant only the offers name: its own name, barcode and characteristics, the rest inherited;
    // its property is named by Ид only, resolved through what import.xml declared.
    expect(rows['boots#b39']).toMatchObject({
      name: 'Ботинки (39)',
      sku: 'B-100',
      unit: 'пар',
      barcodes: ['2000000000398'],
      price: 5190,
      attrs: { parentId: 'boots', variantId: 'b39', unitCode: '715', groupIds: 'g-shoes', stock: 1 },
      props: { Размер: '39', Цвет: 'Коричневый' },
    });
    expect(rows['boots']).toMatchObject({ price: 4990, props: { Цвет: 'Чёрный' } });
    expect(rows['boots']?.attrs?.['stock']).toBeUndefined(); // the rests did not name it
  });

  test('each file again, alone and in any order, loses nothing and changes nothing', async () => {
    await exchange(t.store, ...PACKAGE);
    const before = await products(t.store);
    const cursor = await cursorOf(t.store);
    for (const name of ['offers.xml', 'prices.xml', 'rests.xml', 'import.xml', 'rests.xml', 'offers.xml']) {
      const [summary] = await exchange(t.store, name);
      expect(summary, name).toMatchObject({ created: 0, updated: 0, deleted: 0 });
      expect(summary?.unchanged, name).toBeGreaterThan(0);
      expect(await products(t.store), name).toEqual(before);
    }
    // Nothing got a new sequence number: a terminal's next pull from its cursor is empty.
    expect(await cursorOf(t.store)).toBe(cursor);
    expect((await t.store.pullCatalog(cursor, 100)).changes).toEqual([]);
  });

  test('the same package in another order ends in the same rows', async () => {
    await exchange(t.store, ...PACKAGE);
    const expected = await products(t.store);
    const other = await openTestFolder();
    try {
      await mkdir(other.dir, { recursive: true });
      const names = ['import.xml', 'rests.xml', 'prices.xml', 'offers.xml'];
      for (const name of names) {
        await copyFile(path.join(FIXTURES, name), path.join(other.dir, name));
        await importFile(path.join(other.dir, name), { store: other.store, scratchDir: other.dir });
      }
      expect(await products(other.store)).toEqual(expected);
    } finally {
      await other.close();
    }
  });

  test('a changed price updates that row only and keeps its stock; a rests file keeps prices', async () => {
    await exchange(t.store, ...PACKAGE);
    const prices = (await readFile(path.join(FIXTURES, 'prices.xml'), 'utf8')).replace('89,90', '92,50');
    await writeFile(path.join(t.dir, 'prices.xml'), prices);
    const summary = await importFile(path.join(t.dir, 'prices.xml'), { store: t.store });
    expect(summary).toMatchObject({ updated: 1, unchanged: 3 });
    const milk = (await products(t.store))['milk'];
    expect(milk).toMatchObject({ price: 92.5, attrs: { 'price:pt-retail': 92.5, stock: 12.5 } });

    const rests = (await readFile(path.join(FIXTURES, 'rests.xml'), 'utf8')).replace(
      '<Ид>wh-shop</Ид><Количество>2,5</Количество>',
      '<Ид>wh-shop</Ид><Количество>0</Количество>',
    );
    await writeFile(path.join(t.dir, 'rests.xml'), rests);
    expect(await importFile(path.join(t.dir, 'rests.xml'), { store: t.store })).toMatchObject({ updated: 1 });
    expect((await products(t.store))['milk']).toMatchObject({
      price: 92.5,
      attrs: { 'price:pt-bulk': 75, stock: 10, 'stock:wh-main': 10, 'stock:wh-shop': 0 },
    });
  });

  test('the price terminals show is the configured type; every type is kept either way', async () => {
    await exchange(t.store, 'import.xml');
    const file = path.join(t.dir, 'prices.xml');
    await copyFile(path.join(FIXTURES, 'prices.xml'), file);
    await writeCommerceMlSettings(t.store, { priceType: 'Оптовая', deleteMissing: true });
    await importFile(file, { store: t.store });
    const rows = await products(t.store);
    expect(rows['milk']).toMatchObject({ price: 75, attrs: { 'price:pt-retail': 89.9 } });
    // No wholesale price for it: the shown price is not guessed from another type.
    expect(rows['boots']?.price).toBeUndefined();
    expect(rows['boots']?.attrs?.['price:pt-retail']).toBe(4990);
  });
});

describe('a full catalog deletes what it no longer lists; a delta does not', () => {
  const withoutMilk = async (full: 'true' | 'false', store: ServerStore = t.store) => {
    const xml = (await readFile(path.join(FIXTURES, 'import.xml'), 'utf8'))
      .replace(/<Товар>\s*<Ид>milk<\/Ид>[\s\S]*?<\/Товар>/, '')
      .replace(/<Товар>\s*<Ид>boots<\/Ид>[\s\S]*?<\/Товар>/, '')
      .replace('СодержитТолькоИзменения="false"', `СодержитТолькоИзменения="${full}"`);
    await writeFile(path.join(t.dir, 'import.xml'), xml);
    return importFile(path.join(t.dir, 'import.xml'), { store });
  };

  test('"false": its products it does not list go, with the variants offers made of them', async () => {
    await exchange(t.store, ...PACKAGE);
    // A product from elsewhere (the API) is not the catalog's to delete.
    await t.store.upsertCatalog(
      'products',
      [{ id: 'api-1', name: 'From the API', barcodes: [], packings: [] }],
      'merge',
    );
    const summary = await withoutMilk('false');
    expect(summary.deleted).toBe(3); // milk, boots, and boots#b39 that only the offers made
    expect(Object.keys(await products(t.store)).sort()).toEqual(['api-1', 'boots#b38']);
  });

  test('with deleteMissing off (set through the API) a full catalog deletes nothing', async () => {
    const h = await startHarness();
    try {
      const put = await h.app.inject({
        method: 'PUT',
        url: '/api/v1/commerceml-settings',
        headers: KEY,
        payload: { deleteMissing: false },
      });
      expect(put.json()).toEqual({ deleteMissing: false });
      const bad = await h.app.inject({
        method: 'PUT',
        url: '/api/v1/commerceml-settings',
        headers: KEY,
        payload: { priceType: '' },
      });
      expect(codeOf(bad)).toBe('REQ_VALIDATION');
      const got = await h.app.inject({ method: 'GET', url: '/api/v1/commerceml-settings', headers: KEY });
      expect(got.json()).toEqual({ deleteMissing: false });
      await exchange(h.store, ...PACKAGE);
      expect(await withoutMilk('false', h.store)).toMatchObject({ deleted: 0 });
      expect(Object.keys(await products(h.store))).toHaveLength(4);
    } finally {
      await h.close();
    }
  });

  test('"true": a delta deletes nothing', async () => {
    await exchange(t.store, ...PACKAGE);
    expect(await withoutMilk('true')).toMatchObject({ deleted: 0 });
    expect(Object.keys(await products(t.store)).sort()).toEqual(['boots', 'boots#b38', 'boots#b39', 'milk']);
  });
});

describe('through the device API', () => {
  test('a terminal pulls the rows with props; after an identical exchange its next pull is empty', async () => {
    const h = await startHarness();
    try {
      const { auth } = await enrollDevice(h);
      await exchange(h.store, ...PACKAGE);
      const pull = async (catalogCursor: number) => {
        const res = await h.app.inject({
          method: 'POST',
          url: '/device/v1/pull',
          headers: auth,
          payload: { catalogCursor, docCursor: 0 },
        });
        expect(res.statusCode).toBe(200);
        return PullResponseSchema.parse(res.json()).catalog;
      };
      const first = await pull(0);
      const b39 = first.changes.find((c) => c.id === 'boots#b39');
      expect(b39).toMatchObject({
        op: 'put',
        row: { unit: 'пар', sku: 'B-100', props: { Размер: '39', Цвет: 'Коричневый' } },
      });
      // The terminal's own schema keeps them too.
      expect(ProductSchema.parse(b39?.op === 'put' ? b39.row : {}).props).toEqual({
        Размер: '39',
        Цвет: 'Коричневый',
      });
      await exchange(h.store, ...PACKAGE);
      expect((await pull(first.cursor)).changes).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

const REAL = fileURLToPath(new URL('../../../../../shared/testdata/commerceml/', import.meta.url));
const realPresent = existsSync(REAL);
if (!realPresent) console.warn(`skipping real CommerceML merge tests: ${REAL} not found`);

describe.skipIf(!realPresent)('real 1C exports (shared/testdata)', () => {
  const real = async (store: ServerStore, dir: string, name: string) => {
    const file = path.join(t.dir, name);
    await copyFile(path.join(REAL, dir, name), file);
    return importFile(file, { store, scratchDir: t.dir });
  };

  test("carono: variants get their parent's groups; a full catalog again keeps them and all prices", async () => {
    await real(t.store, 'carono', 'import.xml');
    await real(t.store, 'carono', 'offers.xml');
    const before = await products(t.store);
    const variants = Object.values(before).filter((p) => p.id.includes('#'));
    expect(variants.length).toBeGreaterThan(0);
    for (const v of variants) {
      const parent = before[String(v.attrs?.['parentId'])];
      expect(parent, v.id).toBeDefined();
      expect(v.unit, v.id).toBeDefined();
      expect(v.sku, v.id).toBeDefined();
      expect(v.attrs?.['groupIds'], v.id).toBe(parent?.attrs?.['groupIds']);
      expect(v.price, v.id).toBeGreaterThan(0);
    }
    // Offer characteristics reach the row (not every offer of this export has them).
    expect(variants.filter((v) => v.props?.['Размер'] !== undefined).length).toBeGreaterThan(0);
    for (const name of ['import.xml', 'offers.xml']) {
      const summary = await real(t.store, 'carono', name);
      expect(summary, name).toMatchObject({ created: 0, updated: 0, deleted: 0 });
      expect(await products(t.store), name).toEqual(before);
    }
  });

  test('dobromyslov: catalog and offers, then each again: no price or stock lost, nothing changed', async () => {
    await real(t.store, 'dobromyslov', 'import0_1.xml');
    await real(t.store, 'dobromyslov', 'offers0_1.xml');
    const before = await products(t.store);
    const priced = Object.values(before).filter((p) => p.price !== undefined);
    expect(priced.length).toBeGreaterThan(0);
    const cursor = await cursorOf(t.store);
    for (const name of ['offers0_1.xml', 'import0_1.xml']) {
      const summary = await real(t.store, 'dobromyslov', name);
      expect(summary, name).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    }
    expect(await products(t.store)).toEqual(before);
    expect(await cursorOf(t.store)).toBe(cursor);
  });
});
