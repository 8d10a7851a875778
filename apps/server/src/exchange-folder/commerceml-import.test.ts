import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { NOW, openTestFolder, type TestFolder } from '../testing/test-folder.js';
import { importFile } from './import-file.js';
import { startExchangeFolder } from './start-exchange-folder.js';

let t: TestFolder;
beforeEach(async () => {
  t = await openTestFolder();
});
afterEach(async () => t.close());

const cml = (body: string) =>
  `\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.10">\n${body}\n</КоммерческаяИнформация>\n`;

const product = (id: string, barcode: string, extra = '') =>
  `<Товар><Ид>${id}</Ид><Штрихкод>${barcode}</Штрихкод><Наименование>Товар ${id}</Наименование><БазоваяЕдиница Код="796 ">шт</БазоваяЕдиница>${extra}</Товар>`;

const offer = (id: string, price: string, qty: number, name = '') =>
  `<Предложение><Ид>${id}</Ид>${name ? `<Наименование>${name}</Наименование>` : ''}<Цены><Цена><ИдТипаЦены>retail</ИдТипаЦены><ЦенаЗаЕдиницу>${price}</ЦенаЗаЕдиницу></Цена></Цены><Количество>${qty}</Количество></Предложение>`;

const combined = cml(`
  <Каталог СодержитТолькоИзменения="false"><Товары>
    ${product('milk', '4607001771432')}
    ${product('boots', '8809398300548')}
  </Товары></Каталог>
  <ПакетПредложений><ТипыЦен><ТипЦены><Ид>retail</Ид><Наименование>Розница</Наименование></ТипЦены></ТипыЦен>
    <Предложения>
      ${offer('milk', '89,90', 12)}
      ${offer('boots#39', '4 990,00', 3, 'Ботинки (39)')}
      ${offer('ghost', '1', 1)}
    </Предложения>
  </ПакетПредложений>`);

test('a catalog with its offers: prices and stock merged, variants as rows, warnings kept', async () => {
  const file = path.join(t.dir, 'import.xml');
  await mkdir(t.dir, { recursive: true });
  await writeFile(file, combined);
  const summary = await importFile(file, { store: t.store, now: () => NOW });
  expect(await t.store.getCatalogRow('products', 'milk')).toMatchObject({
    name: 'Товар milk',
    unit: 'шт',
    barcodes: ['4607001771432'],
    price: 89.9,
    attrs: { stock: 12 },
  });
  expect(await t.store.getCatalogRow('products', 'boots#39')).toMatchObject({
    name: 'Ботинки (39)',
    price: 4990,
    attrs: { parentId: 'boots', variantId: '39', stock: 3 },
  });
  expect(summary.warnings.join('\n')).toMatch(/BARCODE_CHECK_DIGIT.*8809398300548/);
  expect(summary.warnings.join('\n')).toContain('offer ghost names no known product');
});

test('an offers file updates products stored by an earlier file; a delta never deletes', async () => {
  await mkdir(t.dir, { recursive: true });
  const catalog = path.join(t.dir, 'import.xml');
  await writeFile(
    catalog,
    cml(
      `<Каталог><Товары>${product('milk', '4607001771432')}${product('bread', '4600000000008')}</Товары></Каталог>`,
    ),
  );
  await importFile(catalog, { store: t.store });
  const offers = path.join(t.dir, 'offers.xml');
  await writeFile(
    offers,
    cml(
      `<ПакетПредложений СодержитТолькоИзменения="true"><Предложения>${offer('milk', '79,50', 4)}</Предложения></ПакетПредложений>`,
    ),
  );
  const summary = await importFile(offers, { store: t.store });
  expect(summary).toMatchObject({ updated: 1, deleted: 0 });
  expect(await t.store.getCatalogRow('products', 'milk')).toMatchObject({ price: 79.5, attrs: { stock: 4 } });
  expect(await t.store.getCatalogRow('products', 'bread')).toBeDefined();
});

test('in the folder, barcode warnings go into the archive beside the file', async () => {
  const folder = await startExchangeFolder({ dir: t.dir, store: t.store, pollMs: 60_000, now: () => NOW });
  await writeFile(path.join(t.dir, 'in', 'import0_1.xml'), combined);
  await writeFile(path.join(t.dir, 'in', 'import0_1.xml.ready'), '');
  await folder.poll();
  await folder.stop();
  expect(await t.list('archive/2026-11-25')).toEqual(['import0_1.xml', 'import0_1.xml.warnings.txt']);
  const warnings = await readFile(path.join(t.dir, 'archive/2026-11-25/import0_1.xml.warnings.txt'), 'utf8');
  expect(warnings).toMatch(/^line \d+: BARCODE_CHECK_DIGIT/m);
});

test('malformed XML part-way stores none of the products before it', async () => {
  const folder = await startExchangeFolder({ dir: t.dir, store: t.store, pollMs: 60_000, now: () => NOW });
  const broken = cml(
    `<Каталог><Товары>${product('milk', '4607001771432')}<Товар><Ид>x</Ид></Товары></Каталог>`,
  );
  await writeFile(path.join(t.dir, 'in', 'import.xml'), broken);
  await writeFile(path.join(t.dir, 'in', 'import.xml.ready'), '');
  await folder.poll();
  await folder.stop();
  expect(await t.store.getCatalogRow('products', 'milk')).toBeUndefined();
  const report = await readFile(path.join(t.dir, 'error', 'import.xml.error.txt'), 'utf8');
  expect(report).toContain('IMPORT_MALFORMED');
  expect(report).toMatch(/Where:\s+line \d+/);
});
