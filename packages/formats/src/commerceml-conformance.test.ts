// Conformance over real 1C/Bitrix exchange files in ../shared/testdata/commerceml. The expected
// counts are computed here with plain regular expressions over the decoded text, not by the reader.
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { CmlEvent } from './cml-events.js';
import { readCommerceMl } from './read-commerce-ml.js';
import { collect } from './testing/streams.js';

const ROOT = fileURLToPath(new URL('../../../../shared/testdata/commerceml/', import.meta.url));
const present = existsSync(ROOT);
if (!present)
  console.warn(`skipping CommerceML conformance: ${ROOT} not found (CI places shared/ beside the checkout)`);

const files = present
  ? ['carono', 'dobromyslov'].flatMap((dir) =>
      readdirSync(ROOT + dir)
        .filter((f) => f.endsWith('.xml'))
        .map((f) => `${dir}/${f}`),
    )
  : [];

function decoded(file: string): string {
  const bytes = readFileSync(ROOT + file);
  const declared = /encoding="([^"]+)"/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1] ?? 'utf-8';
  return new TextDecoder(declared).decode(bytes);
}

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;
const section = (text: string, tag: string): string =>
  (text.match(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, 'g')) ?? []).join('\n');
const blocks = (text: string, tag: string): string[] =>
  text.match(new RegExp(`<${tag}(?:\\s[^>]*)?>[\\s\\S]*?</${tag}>`, 'g')) ?? [];

/** What the file holds, counted by regex. */
function expected(text: string) {
  const catalog = section(text, 'Каталог');
  const offers = section(text, 'ПакетПредложений');
  const products = blocks(catalog, 'Товар');
  const offerBlocks = blocks(offers, 'Предложение');
  const docItems = blocks(text, 'Документ').flatMap((d) => blocks(d, 'Товар'));
  return {
    products: products.length,
    deleted: products.filter((p) => /^<Товар Статус="Удален">/.test(p)).length,
    barcodes: products.reduce((n, p) => n + count(p, /<Штрихкод>\s*\d[^<]*<\/Штрихкод>/g), 0),
    units: products.filter((p) => p.includes('<БазоваяЕдиница')).length,
    offers: offerBlocks.length,
    variants: offerBlocks.filter((o) => /^<Предложение>\s*<Ид>[^<#]+#[^<]+<\/Ид>/.test(o)).length,
    prices: count(offers, /<Цена>/g),
    stockEntries: count(offers, /<Склад ИдСклада="/g),
    withQuantity: offerBlocks.filter((o) => /<Количество>/.test(o)).length,
    groups: count(section(text, 'Классификатор'), /<Группа>/g),
    documents: count(text, /<Документ>/g),
    lines: docItems.filter((t) => !/<Значение>Услуга<\/Значение>/.test(t)).length,
  };
}

function actual(list: CmlEvent[]) {
  const products = list.flatMap((e) => (e.type === 'product' ? [e.product] : []));
  const offers = list.flatMap((e) => (e.type === 'offer' ? [e.offer] : []));
  const docs = list.flatMap((e) => (e.type === 'document' ? [e.document] : []));
  return {
    products: products.length,
    deleted: list.filter((e) => e.type === 'product' && e.deleted).length,
    barcodes: products.reduce((n, p) => n + p.barcodes.length, 0),
    units: products.filter((p) => p.unit !== undefined).length,
    offers: offers.length,
    variants: offers.filter((o) => o.variant !== undefined).length,
    prices: offers.reduce((n, o) => n + o.prices.length, 0),
    stockEntries: offers.reduce((n, o) => n + o.stock.length, 0),
    withQuantity: offers.filter((o) => o.quantity !== undefined).length,
    groups: list.filter((e) => e.type === 'group').length,
    documents: docs.length,
    lines: docs.reduce((n, d) => n + d.lines.length, 0),
  };
}

const read = (file: string) =>
  collect(readCommerceMl(createReadStream(ROOT + file, { highWaterMark: 4096 })));

describe.skipIf(!present)('CommerceML conformance (shared/testdata)', () => {
  test('the test data is there', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  test.each(files)('%s: counts match an independent regex count', async (file) => {
    const list = await read(file);
    expect(list.filter((e) => e.type === 'rejected')).toEqual([]);
    expect(actual(list)).toEqual(expected(decoded(file)));
  });

  test('known totals, as a guard against the regexes and the reader agreeing on nothing', async () => {
    const nested = actual(await read('dobromyslov/import0_1_with_nested_groups.xml'));
    expect(nested.products).toBe(283);
    expect(actual(await read('dobromyslov/import0_1.xml'))).toMatchObject({ products: 36, deleted: 1 });
    const offers = actual(await read('carono/offers.xml'));
    expect(offers).toMatchObject({ offers: 5, variants: 5 });
    const orders = actual(await read('dobromyslov/bitrix-query-response-full.cp1251.xml'));
    expect(orders.documents).toBe(2);
  });

  test('the two barcodes with a wrong check digit are warnings, and only they', async () => {
    const list = await read('dobromyslov/import0_1_with_nested_groups.xml');
    const warned = list.flatMap((e) => ('warnings' in e ? e.warnings : []));
    expect(warned.map((w) => [w.code, w.value]).sort()).toEqual([
      ['BARCODE_CHECK_DIGIT', '8809288409103'],
      ['BARCODE_CHECK_DIGIT', '8809398300548'],
    ]);
    const kept = list.flatMap((e) => (e.type === 'product' ? e.product.barcodes : []));
    expect(kept).toEqual(expect.arrayContaining(['8809288409103', '8809398300548']));
  });

  test('a barcode written with a leading space is imported trimmed', async () => {
    const text = decoded('dobromyslov/import0_1_with_nested_groups.xml');
    const spaced = /<Штрихкод> (\d+)<\/Штрихкод>/.exec(text)?.[1];
    expect(spaced).toBeDefined();
    const list = await read('dobromyslov/import0_1_with_nested_groups.xml');
    const all = list.flatMap((e) => (e.type === 'product' ? e.product.barcodes : []));
    expect(all).toContain(spaced);
    expect(all.every((b) => b === b.trim())).toBe(true);
  });

  test('&amp;quot; double escaping is undone in document lines', async () => {
    const list = await read('dobromyslov/bitrix-query-response-full.cp1251.xml');
    const names = list.flatMap((e) =>
      e.type === 'document' ? e.document.lines.map((l) => String(l.fields?.['name'])) : [],
    );
    expect(names.some((n) => n.includes('"Mama Lemon"'))).toBe(true);
    expect(names.some((n) => n.includes('&quot;'))).toBe(false);
  });
});
