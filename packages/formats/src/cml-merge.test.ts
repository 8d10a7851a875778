import type { Product } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import type { CmlOffer } from './cml-events.js';
import { applyOffer, canonicalProduct, mergeCatalogRow, variantFromParent } from './cml-merge.js';

const offer = (over: Partial<CmlOffer>): CmlOffer => ({
  id: 'p1',
  productId: 'p1',
  barcodes: [],
  prices: [],
  stock: [],
  characteristics: {},
  properties: {},
  deleted: false,
  ...over,
});

const stored: Product = {
  id: 'p1',
  name: 'Молоко',
  sku: 'M-1',
  unit: 'шт',
  barcodes: ['4607001771432'],
  packings: [],
  price: 89.9,
  attrs: {
    unitCode: '796',
    groupIds: 'g1',
    Страна: 'РОССИЯ',
    'price:retail': 89.9,
    'price:bulk': 75,
    currency: 'RUB',
    stock: 12,
    'stock:wh-a': 10,
    'stock:wh-b': 2,
  },
  props: { Жирность: '3,2' },
};

describe('merge by role', () => {
  test('a catalog row replaces the descriptive fields and keeps prices, stock and props', () => {
    const incoming: Product = {
      id: 'p1',
      name: 'Молоко 3,2%',
      unit: 'шт',
      barcodes: ['4607001771432'],
      packings: [],
      attrs: { unitCode: '796', groupIds: 'g2' },
      props: { Объём: '1 л' },
    };
    expect(mergeCatalogRow(stored, incoming)).toEqual({
      ...incoming,
      price: 89.9,
      attrs: { ...incoming.attrs, ...pick(stored.attrs, /^(price|stock|currency)/) },
      props: { Жирность: '3,2', Объём: '1 л' },
    });
  });

  test('prices set each type and keep the rest; rests replace the warehouse set only when listed', () => {
    const priced = applyOffer(stored, offer({ prices: [{ priceTypeId: 'bulk', value: 70 }] }), {
      priceTypeId: 'retail',
      strict: false,
    });
    // The chosen type (retail) is not in this offer: the shown price stays, bulk changes.
    expect(priced).toMatchObject({
      price: 89.9,
      attrs: { 'price:bulk': 70, 'price:retail': 89.9, stock: 12 },
    });
    const total = applyOffer(priced, offer({ quantity: 5 }));
    expect(total.attrs).toMatchObject({ stock: 5, 'stock:wh-a': 10, 'stock:wh-b': 2 });
    const rests = applyOffer(total, offer({ quantity: 4, stock: [{ warehouseId: 'wh-a', quantity: 4 }] }));
    expect(rests.attrs?.['stock:wh-b']).toBeUndefined();
    expect(rests).toMatchObject({
      price: 89.9,
      sku: 'M-1',
      attrs: { stock: 4, 'stock:wh-a': 4, Страна: 'РОССИЯ' },
    });
  });

  test('the same content gives the same bytes, whatever order it was built in', () => {
    const shuffled = { ...stored, attrs: Object.fromEntries(Object.entries(stored.attrs ?? {}).reverse()) };
    expect(JSON.stringify(canonicalProduct(shuffled))).toBe(JSON.stringify(canonicalProduct(stored)));
    const once = applyOffer(
      stored,
      offer({ prices: [{ priceTypeId: 'retail', value: 89.9, currency: 'RUB' }] }),
    );
    expect(
      JSON.stringify(
        applyOffer(once, offer({ prices: [{ priceTypeId: 'retail', value: 89.9, currency: 'RUB' }] })),
      ),
    ).toBe(JSON.stringify(once));
  });

  test('a variant takes unit, article, groups and warehouses from its parent unless its offer says', () => {
    const parent = { ...stored, weighted: undefined, warehouseIds: ['wh-a'] } as Product;
    const named = offer({
      id: 'p1#v1',
      variantId: 'v1',
      name: 'Молоко (1 л)',
      characteristics: { Объём: '1 л' },
    });
    const v = applyOffer(
      { id: 'p1#v1', name: 'x', barcodes: [], packings: [] },
      named,
      { strict: false },
      parent,
    );
    expect(v).toMatchObject({
      name: 'Молоко (1 л)',
      sku: 'M-1',
      unit: 'шт',
      warehouseIds: ['wh-a'],
      attrs: { parentId: 'p1', variantId: 'v1', unitCode: '796', groupIds: 'g1' },
      props: { Объём: '1 л' },
    });
    const own = applyOffer(
      v,
      { ...named, sku: 'V-1', unit: 'кг', unitCode: '166', weighted: true },
      { strict: false },
      parent,
    );
    expect(own).toMatchObject({ sku: 'V-1', unit: 'кг', weighted: true, attrs: { unitCode: '166' } });
    expect(variantFromParent(offer({ id: 'p1#v2', variantId: 'v2' }), parent)).toMatchObject({
      id: 'p1#v2',
      name: 'Молоко',
      unit: 'шт',
      sku: 'M-1',
      attrs: { parentId: 'p1', variantId: 'v2', groupIds: 'g1', unitCode: '796' },
    });
  });
});

function pick(attrs: Product['attrs'], re: RegExp) {
  return Object.fromEntries(Object.entries(attrs ?? {}).filter(([k]) => re.test(k)));
}
