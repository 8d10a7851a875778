// Demo base for `shelfsync serve --demo`: a few hundred products with unit and box barcodes, cells in
// two warehouses, two operators and three tasks. Deterministic, so the README tour can name barcodes.
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import { type DocumentInput, errorFromBody, ShelfsyncError } from '@shelfsync/protocol';
import type { RunningServer } from '@shelfsync/server';
import { type CellInput, gtinWithCheckDigit } from './demo-types.js';

/** Two operators; PINs 1111 and 2222, the second also has a badge. */
export const DEMO_USERS = [
  { id: 'U1', name: 'Иванов Иван', pin: '1111', groups: ['storekeepers'], warehouseIds: ['WH1'] },
  {
    id: 'U2',
    name: 'Anna Petrova',
    pin: '2222',
    badge: 'BADGE-0002',
    groups: ['pickers'],
    warehouseIds: ['WH1'],
  },
];

const KINDS = [
  ['Молоко 3,2% 1 л', 'Milk 3.2% 1 l', 12],
  ['Кефир 1% 0,9 л', 'Kefir 1% 0.9 l', 12],
  ['Хлеб ржаной 500 г', 'Rye bread 500 g', 10],
  ['Сок яблочный 1 л', 'Apple juice 1 l', 6],
  ['Вода питьевая 1,5 л', 'Drinking water 1.5 l', 6],
  ['Чай чёрный 100 пак.', 'Black tea 100 bags', 24],
  ['Кофе молотый 250 г', 'Ground coffee 250 g', 12],
  ['Макароны 450 г', 'Pasta 450 g', 20],
  ['Рис круглый 900 г', 'Round rice 900 g', 10],
  ['Сахар 1 кг', 'Sugar 1 kg', 10],
] as const;
const BRANDS = ['Северное', 'Зорька', 'Луговое', 'Ладога', 'Прима', 'Волжское'];
const PRODUCT_COUNT = 300;

/** Unit barcode of demo product i (1-based): EAN-13 460 + 9 digits + check digit. */
export function demoUnitBarcode(i: number): string {
  return gtinWithCheckDigit(`460${String(1_000_000_000 + i).slice(1)}`);
}

/** Box barcode of demo product i: GTIN-14 with indicator 1 over the unit's EAN. */
export function demoBoxBarcode(i: number): string {
  return gtinWithCheckDigit(`1${demoUnitBarcode(i).slice(0, 12)}`);
}

export function demoProducts() {
  return Array.from({ length: PRODUCT_COUNT }, (_, k) => {
    const i = k + 1;
    const [ru, , factor] = KINDS[k % KINDS.length]!;
    const brand = BRANDS[Math.floor(k / KINDS.length) % BRANDS.length]!;
    const id = `P${String(i).padStart(5, '0')}`;
    return {
      id,
      name: `${ru} «${brand}»`,
      sku: `ART-${String(i).padStart(5, '0')}`,
      unit: 'шт',
      barcodes: [demoUnitBarcode(i)],
      packings: [{ id: `${id}-box`, name: `Коробка ${factor} шт`, factor, barcodes: [demoBoxBarcode(i)] }],
      price: 50 + ((i * 37) % 400),
    };
  });
}

/** A weighed product: its catalog barcode is the scale label's prefix and item code, value zeroed. */
export const DEMO_WEIGHED = {
  id: 'P-CHEESE',
  name: 'Сыр «Российский» весовой',
  sku: 'ART-CHEESE',
  unit: 'кг',
  weighted: true,
  barcodes: [gtinWithCheckDigit('221234500000')],
  packings: [],
  price: 890,
};

/**
 * The demo configuration: the default document types and the common scale-label layout — prefix
 * 20–29, five digits of item code, five of weight in grams, a check digit — so a label like
 * 2212345012343 scans as 1.234 kg of the demo cheese.
 */
export function demoConfig() {
  const inStore = Array.from({ length: 10 }, (_, i) => ({
    prefix: String(20 + i),
    kind: 'weight' as const,
    itemDigits: 5,
    valueDigits: 5,
  }));
  return { documentTypes: DEFAULT_DOCUMENT_TYPES, barcodes: { inStore } };
}

export function demoCells(): CellInput[] {
  const cells: CellInput[] = [];
  for (const rack of ['A', 'B']) {
    for (let shelf = 1; shelf <= 4; shelf++) {
      for (let place = 1; place <= 5; place++) {
        const id = `${rack}-${String(shelf).padStart(2, '0')}-${String(place).padStart(2, '0')}`;
        cells.push({
          id,
          name: `Ячейка ${id}`,
          warehouseId: 'WH1',
          barcodes: [`CELL-${id}`],
          route: cells.length + 1,
        });
      }
    }
  }
  return cells;
}

export function demoDocuments(): DocumentInput[] {
  const today = new Date().toISOString().slice(0, 10);
  const base = { date: today, warehouseId: 'WH1' };
  return [
    {
      ...base,
      id: 'DEMO-RECEIPT-1',
      type: 'receipt',
      number: 'ПР-0001',
      counterparty: 'ООО «Молочный завод»',
      lines: [1, 2, 3, 4, 5].map((i) => ({ id: String(i), productId: `P0000${i}`, qty: i === 1 ? 24 : 12 })),
    },
    {
      // The README's command-line tour scans this one (the browser half of the tour takes ПР-0001).
      ...base,
      id: 'DEMO-RECEIPT-2',
      type: 'receipt',
      number: 'ПР-0002',
      counterparty: 'ООО «Молочный завод»',
      lines: [1, 2, 3].map((i) => ({ id: String(i), productId: `P0000${i}`, qty: i === 1 ? 24 : 6 })),
    },
    {
      ...base,
      id: 'DEMO-PICKING-1',
      type: 'picking',
      number: 'ПОД-0001',
      counterparty: 'Магазин №7',
      lines: [
        { id: '1', productId: 'P00011', qty: 6, cellId: 'A-01-01' },
        { id: '2', productId: 'P00012', qty: 4, cellId: 'A-01-02' },
        { id: '3', productId: 'P00021', qty: 2, cellId: 'B-02-03' },
      ],
    },
    {
      ...base,
      id: 'DEMO-INVENTORY-1',
      type: 'inventory',
      number: 'ИНВ-0001',
      comment: 'Пересчёт стеллажа A, полка 1',
      lines: [1, 2, 3, 4, 5].map((p) => ({
        id: String(p),
        productId: `P000${String(30 + p)}`,
        qty: 10 + p,
        cellId: `A-01-0${p}`,
      })),
    },
  ];
}

/** Loads the demo base through the integration API, as an accounting system would, unless it is
 * there already. Returns false when nothing had to be loaded. */
export async function loadDemoData(server: RunningServer): Promise<boolean> {
  if ((await server.store.getSetting('demo.loaded')) === 'yes') return false;
  const send = async (method: 'PUT' | 'POST', url: string, payload: unknown) => {
    const res = await server.app.inject({
      method,
      url,
      payload: JSON.stringify(payload),
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    });
    if (res.statusCode >= 300) {
      // The base's own API refused it, so the answer already carries a coded error: keep its code.
      const refused = errorFromBody(jsonOf(res.body), 'INTERNAL');
      throw new ShelfsyncError(
        refused.code,
        `Demo data: ${method} ${url}: ${refused.message}`,
        refused.details,
      );
    }
  };
  await send('PUT', '/api/v1/catalog/warehouses', [
    { id: 'WH1', name: 'Основной склад' },
    { id: 'WH2', name: 'Магазин' },
  ]);
  await send('PUT', '/api/v1/catalog/cells', demoCells());
  await send('PUT', '/api/v1/config', demoConfig());
  await send('PUT', '/api/v1/catalog/products', [...demoProducts(), DEMO_WEIGHED]);
  await send('PUT', '/api/v1/catalog/users', DEMO_USERS);
  await send('POST', '/api/v1/documents', demoDocuments());
  await server.store.setSetting('demo.loaded', 'yes');
  return true;
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
