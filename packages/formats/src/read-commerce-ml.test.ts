import { ShelfsyncError } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import { applyOffer } from './cml-merge.js';
import { readCommerceMl } from './read-commerce-ml.js';
import { events, fixture, ofType } from './testing/cml.js';
import { collect, cp1251, utf8 } from './testing/streams.js';

async function failure(bytes: Uint8Array): Promise<ShelfsyncError> {
  const e = await collect(
    readCommerceMl(
      (async function* () {
        yield bytes;
      })(),
    ),
  ).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof ShelfsyncError)) throw new Error(`expected a ShelfsyncError, got ${String(e)}`);
  return e;
}

describe('readCommerceMl: catalog (UTF-8 with BOM, namespace, delta)', () => {
  test('yields root, packages, nested groups and products in file order', async () => {
    const list = await events(fixture('catalog-delta.xml'));
    expect(list.map((e) => e.type)).toEqual([
      'root',
      'package',
      'group',
      'group',
      'property',
      'property',
      'package',
      'catalog',
      'product',
      'product',
      'product',
      'rejected',
      'product',
    ]);
    expect(list[0]).toEqual({
      type: 'root',
      schemaVersion: '2.10',
      generatedAt: '2026-11-20T10:00:00',
      line: 3,
    });
    expect(ofType(list, 'package').map((p) => [p.package, p.delta])).toEqual([
      ['classifier', false],
      ['catalog', true],
    ]);
    expect(ofType(list, 'property').map((p) => [p.property.name, p.property.numeric])).toEqual([
      ['Вес нетто', true],
      ['Страна', false],
    ]);
    expect(ofType(list, 'group').map(({ id, name, parentId }) => ({ id, name, parentId }))).toEqual([
      { id: 'g-food', name: 'Продукты', parentId: undefined },
      { id: 'g-milk', name: 'Молочные', parentId: 'g-food' },
    ]);
  });

  test('maps text units, double-escaped quotes, trimmed barcodes and property values', async () => {
    const [milk] = ofType(await events(fixture('catalog-delta.xml')), 'product');
    expect(milk).toMatchObject({ deleted: false, warnings: [] });
    expect(milk?.product).toEqual({
      id: 'milk-1',
      name: 'Молоко "Весёлый молочник" 3,2%',
      sku: 'МЛ-32',
      unit: 'шт',
      barcodes: ['4607001771432'],
      packings: [],
      attrs: { unitCode: '796', groupIds: 'g-milk', 'Вес нетто': 0.93, Страна: 'РОССИЯ' },
      props: { 'Вес нетто': '0,93', Страна: 'РОССИЯ' },
    });
  });

  test('weight units by OKEI code; a wrong check digit warns; 2000000… codes are kept', async () => {
    const cheese = ofType(await events(fixture('catalog-delta.xml')), 'product')[1]!;
    expect(cheese.product).toMatchObject({
      unit: 'кг',
      weighted: true,
      barcodes: ['4607001771433', '2000000000183'],
    });
    expect(cheese.product.attrs).toEqual({ unitCode: '166', ВидНоменклатуры: 'Товар' });
    expect(cheese.warnings).toEqual([
      expect.objectContaining({ code: 'BARCODE_CHECK_DIGIT', value: '4607001771433' }),
    ]);
  });

  test('a `product#variant` id, NBSP in the name, a nameless row rejected, a deleted row flagged', async () => {
    const list = await events(fixture('catalog-delta.xml'));
    const [, , boots, old] = ofType(list, 'product');
    expect(boots?.product).toMatchObject({
      id: 'boots-1#size-38',
      name: 'Ботинки (38)',
      unit: 'пар',
      attrs: { parentId: 'boots-1', variantId: 'size-38', unitCode: '715', Размер: '38' },
    });
    expect(ofType(list, 'rejected')).toEqual([
      expect.objectContaining({
        element: 'Товар',
        id: 'nameless-1',
        error: expect.objectContaining({ code: 'IMPORT_BAD_VALUE' }),
      }),
    ]);
    expect(old).toMatchObject({
      deleted: true,
      product: { id: 'old-1', unit: 'шт', attrs: { unitCode: '796' } },
    });
  });

  test('the same events whatever the chunk size (UTF-8 split anywhere)', async () => {
    const bytes = fixture('catalog-delta.xml');
    const whole = await events(bytes, bytes.length);
    for (const size of [1, 2, 3, 7, 1000]) expect(await events(bytes, size)).toEqual(whole);
  });
});

describe('readCommerceMl: offers (windows-1251, no namespace)', () => {
  test('prices with decimal comma and NBSP, stock per warehouse, price types and warehouses', async () => {
    const list = await events(fixture('offers.cp1251.xml'), 5);
    expect(ofType(list, 'package')).toEqual([
      { type: 'package', package: 'offers', delta: false, full: true, line: 4 },
    ]);
    expect(ofType(list, 'priceType').map((p) => [p.id, p.name, p.currency])).toEqual([
      ['pt-retail', 'Розничная', 'RUB'],
      ['pt-bulk', 'Оптовая', 'RUB'],
    ]);
    expect(ofType(list, 'warehouse').map((w) => w.warehouse)).toEqual([
      { id: 'wh-main', name: 'Основной склад' },
      { id: 'wh-shop', name: 'Магазин "Центр"' },
    ]);
    const milk = ofType(list, 'offer')[0]!.offer;
    expect(milk).toEqual({
      id: 'milk-1',
      productId: 'milk-1',
      name: 'Молоко 3,2%',
      unit: 'шт',
      barcodes: [],
      prices: [
        { priceTypeId: 'pt-bulk', value: 1234.5, currency: 'RUB' },
        { priceTypeId: 'pt-retail', value: 1299.9, currency: 'RUB' },
      ],
      quantity: 12.5,
      stock: [
        { warehouseId: 'wh-main', quantity: 10 },
        { warehouseId: 'wh-shop', quantity: 2.5 },
      ],
      characteristics: {},
      properties: {},
      unitCode: '796',
      deleted: false,
    });
  });

  test('a `product#variant` offer becomes its own product row with price and 3.1-style rests', async () => {
    const offer = ofType(await events(fixture('offers.cp1251.xml')), 'offer')[1]!;
    expect(offer.warnings).toEqual([]);
    expect(offer.offer).toMatchObject({ productId: 'boots-1', variantId: 'size-39', quantity: 3 });
    expect(offer.offer.variant).toEqual({
      id: 'boots-1#size-39',
      name: 'Ботинки (39)',
      sku: 'Б-1',
      unit: 'пар',
      barcodes: ['2000000000190'],
      packings: [],
      price: 4990,
      attrs: {
        parentId: 'boots-1',
        variantId: 'size-39',
        unitCode: '715',
        Размер: '39',
        'price:pt-retail': 4990,
        stock: 3,
        'stock:wh-main': 3,
      },
      props: { Размер: '39' },
    });
  });

  test('an unnamed variant offer (a 3.x price file) only updates; an unreadable price warns', async () => {
    const offer = ofType(await events(fixture('offers.cp1251.xml')), 'offer')[2]!;
    expect(offer.offer).toMatchObject({ id: 'boots-1#size-40', productId: 'boots-1', variantId: 'size-40' });
    expect(offer.offer.variant).toBeUndefined();
    expect(offer.offer.prices).toEqual([]);
    expect(offer.warnings.map((w) => [w.code, w.value])).toEqual([['BAD_NUMBER', 'по запросу']]);
  });

  test('a 2.08+ changes package (ИзмененияПакетаПредложений) is a delta of offers', async () => {
    const xml =
      '<КоммерческаяИнформация><ИзмененияПакетаПредложений><Предложения><Предложение><Ид>a#b</Ид><Количество>0</Количество></Предложение></Предложения></ИзмененияПакетаПредложений></КоммерческаяИнформация>';
    const list = await events(utf8(xml));
    expect(ofType(list, 'package').map((p) => [p.package, p.delta])).toEqual([['offers', true]]);
    expect(ofType(list, 'offer').map((o) => [o.offer.id, o.offer.quantity, o.offer.variant])).toEqual([
      ['a#b', 0, undefined],
    ]);
  });

  test('the price type can be chosen by name; applyOffer merges price and stock into a product', async () => {
    const list = await events(fixture('offers.cp1251.xml'), 4096, { priceType: 'Оптовая' });
    const [milk, boots] = ofType(list, 'offer');
    expect(boots?.offer.variant?.price).toBeUndefined(); // no bulk price for it: nothing guessed
    const product = { id: 'milk-1', name: 'Молоко', barcodes: [], packings: [] };
    expect(applyOffer(product, milk!.offer, { priceTypeId: 'pt-bulk', strict: true })).toEqual({
      ...product,
      price: 1234.5,
      attrs: {
        stock: 12.5,
        'stock:wh-main': 10,
        'stock:wh-shop': 2.5,
        currency: 'RUB',
        'price:pt-bulk': 1234.5, // every price type is kept
        'price:pt-retail': 1299.9,
      },
    });
    expect(applyOffer(product, milk!.offer).price).toBe(1234.5); // no choice: the offer's first price
  });
});

describe('readCommerceMl: documents', () => {
  test('a 3.1 document line keeps its Цена (2.x writes ЦенаЗаЕдиницу)', async () => {
    const xml = `<КоммерческаяИнформация ВерсияСхемы="3.1"><Контейнер><Документ><Ид>o-1</Ид><Номер>1</Номер><Дата>2026-12-01</Дата><ХозОперация>Заказ товара</ХозОперация><Роль>Продавец</Роль><Товары>
      <Товар><Ид>milk</Ид><Наименование>Молоко</Наименование><Цена>89,90</Цена><Количество>2</Количество></Товар>
      <Товар><Ид>bread</Ид><Наименование>Хлеб</Наименование><ЦенаЗаЕдиницу>45</ЦенаЗаЕдиницу><Количество>1</Количество></Товар>
    </Товары></Документ></Контейнер></КоммерческаяИнформация>`;
    const [doc] = ofType(await events(utf8(xml)), 'document');
    expect(doc?.document.lines.map((l) => [l.productId, l.qty, l.price])).toEqual([
      ['milk', 2, 89.9],
      ['bread', 1, 45],
    ]);
  });

  test('maps header, counterparty, lines with decimal comma; skips service and broken lines', async () => {
    const [order] = ofType(await events(fixture('documents.xml')), 'document');
    expect(order?.document).toEqual({
      id: 'order-77',
      type: 'picking',
      number: 'ЗК-77',
      date: '2026-11-20',
      counterparty: 'ООО "Ромашка"',
      comment: 'Позвонить перед отгрузкой',
      fields: {
        operation: 'Заказ товара',
        role: 'Продавец',
        currency: 'RUB',
        time: '09:15:00',
        sum: 3100,
        'Заказ оплачен': true,
      },
      lines: [
        { productId: 'milk-1', qty: 12, price: 100, fields: { name: 'Молоко 3,2%', unitCode: '796' } },
        {
          productId: 'cheese-1',
          qty: 2.5,
          price: 760,
          fields: { name: 'Сыр Российский весовой', unitCode: '166' },
        },
      ],
    });
    expect(order?.warnings.map((w) => w.code)).toEqual(['SERVICE_LINE_SKIPPED', 'LINE_SKIPPED']);
  });

  test('the buyer side makes a receipt; unknown operations fall back with a warning', async () => {
    const [, supply, cash] = ofType(await events(fixture('documents.xml')), 'document');
    expect(supply?.document).toMatchObject({
      type: 'receipt',
      date: '2026-11-21',
      warehouseId: 'wh-main',
      counterparty: 'Молокозавод №1',
    });
    expect(supply?.document.lines).toEqual([{ productId: 'boots-1#size-39', qty: 6 }]);
    expect(cash?.document).toMatchObject({ type: 'picking', date: '2026-11-21' }); // written 21.11.2026
    expect(cash?.warnings.map((w) => w.code)).toEqual(['UNKNOWN_OPERATION']);
    const custom = await events(fixture('documents.xml'), 4096, {
      documentType: (op) => (op?.startsWith('Выплата') ? 'cash' : undefined),
    });
    expect(ofType(custom, 'document').map((d) => d.document.type)).toEqual(['picking', 'receipt', 'cash']);
  });
});

describe('readCommerceMl: hostile input', () => {
  test('an unreadable date is left out with a warning; the document still imports', async () => {
    const xml =
      '<КоммерческаяИнформация><Документ><Ид>d1</Ид><Дата>вчера</Дата><ХозОперация>Отпуск товара</ХозОперация></Документ></КоммерческаяИнформация>';
    const [doc] = ofType(await events(utf8(xml)), 'document');
    expect(doc?.document).toEqual({
      id: 'd1',
      type: 'picking',
      fields: { operation: 'Отпуск товара' },
      lines: [],
    });
    expect(doc?.warnings.map((w) => w.code)).toEqual(['BAD_DATE']);
  });

  test('prefixed namespaces are read by local name', async () => {
    const xml =
      '<c:КоммерческаяИнформация xmlns:c="urn:1C.ru:commerceml_2"><c:Каталог><c:Товары><c:Товар><c:Ид>1</c:Ид><c:Наименование>X</c:Наименование></c:Товар></c:Товары></c:Каталог></c:КоммерческаяИнформация>';
    expect(ofType(await events(utf8(xml)), 'product').map((p) => p.product.id)).toEqual(['1']);
  });

  test('one element past maxElementChars is IMPORT_TOO_LARGE; the limit does not count the file', async () => {
    const product = (i: number) =>
      `<Товар><Ид>${i}</Ид><Наименование>${'x'.repeat(300)}</Наименование></Товар>`;
    const many = utf8(
      `<КоммерческаяИнформация><Каталог><Товары>${Array.from({ length: 50 }, (_, i) => product(i)).join('')}</Товары></Каталог></КоммерческаяИнформация>`,
    );
    expect(ofType(await events(many, 64, { maxElementChars: 400 }), 'product')).toHaveLength(50);
    const big = utf8(
      `<КоммерческаяИнформация><Каталог><Товары>${product(1)}<Товар><Ид>2</Ид><Наименование>${'y'.repeat(500)}</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>`,
    );
    const e = await collect(readCommerceMl([big], { maxElementChars: 400 })).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ShelfsyncError);
    expect((e as ShelfsyncError).code).toBe('IMPORT_TOO_LARGE');
    expect((e as ShelfsyncError).details).toEqual({ line: 1, element: 'Товар' });
  });

  test('truncated XML is IMPORT_MALFORMED with a line', async () => {
    const bytes = fixture('catalog-delta.xml');
    const e = await failure(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(e.code).toBe('IMPORT_MALFORMED');
    expect(e.details?.['line']).toEqual(expect.any(Number));
  });

  test('another root is IMPORT_NOT_COMMERCEML; an unknown or wrong encoding is IMPORT_ENCODING', async () => {
    expect((await failure(utf8('<html><body/></html>'))).code).toBe('IMPORT_NOT_COMMERCEML');
    expect((await failure(utf8('<?xml version="1.0" encoding="x-nonsense"?><a/>'))).code).toBe(
      'IMPORT_ENCODING',
    );
    const lying = cp1251('<?xml version="1.0" encoding="UTF-8"?><КоммерческаяИнформация/>');
    expect((await failure(lying)).code).toBe('IMPORT_ENCODING');
  });

  test('is lazy: the first products of an endless catalog arrive before the end', async () => {
    async function* endless(): AsyncGenerator<Uint8Array> {
      yield utf8('<КоммерческаяИнформация><Каталог><Товары>');
      for (let i = 0; ; i++) yield utf8(`<Товар><Ид>${i}</Ид><Наименование>P${i}</Наименование></Товар>`);
    }
    const ids: string[] = [];
    for await (const e of readCommerceMl(endless())) {
      if (e.type === 'product') ids.push(e.product.id);
      if (ids.length === 3) break;
    }
    expect(ids).toEqual(['0', '1', '2']);
  });
});
