// A small base for the PWA's end-to-end test and scripts/serve-demo.ts, loaded through the
// integration API as an accounting system would: products with unit and box barcodes, cells, two
// operators (PIN 1111; PIN 2222 and badge BADGE-0002) and a receipt, a picking and an inventory.
import type { FastifyInstance } from 'fastify';

const KINDS = [
  ['Молоко 3,2% 1 л', 12],
  ['Кефир 1% 0,9 л', 12],
  ['Хлеб ржаной 500 г', 10],
  ['Сок яблочный 1 л', 6],
  ['Вода питьевая 1,5 л', 6],
  ['Чай чёрный 100 пак.', 24],
  ['Кофе молотый 250 г', 12],
  ['Макароны 450 г', 20],
] as const;

function withCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** EAN-13 of product i (1-based). */
export function unitBarcode(i: number): string {
  return withCheckDigit(`460${String(1_000_000_000 + i).slice(1)}`);
}

function products() {
  return KINDS.map(([name, factor], k) => {
    const i = k + 1;
    const id = `P${i}`;
    return {
      id,
      name,
      sku: `ART-${String(i).padStart(5, '0')}`,
      unit: 'шт',
      barcodes: [unitBarcode(i)],
      packings: [
        {
          id: `${id}-box`,
          name: `Коробка ${factor} шт`,
          factor,
          barcodes: [withCheckDigit(`1${unitBarcode(i).slice(0, 12)}`)],
        },
      ],
      price: 40 + i * 17,
    };
  });
}

function cells() {
  return ['A-01-01', 'A-01-02', 'A-01-03', 'B-01-01'].map((id, k) => ({
    id,
    name: `Ячейка ${id}`,
    warehouseId: 'WH1',
    barcodes: [`CELL-${id}`],
    route: k + 1,
  }));
}

function documents() {
  const date = new Date().toISOString().slice(0, 10);
  return [
    {
      id: 'RECEIPT-1',
      type: 'receipt',
      number: 'ПР-0001',
      date,
      warehouseId: 'WH1',
      counterparty: 'ООО «Молочный завод»',
      lines: [1, 2, 3, 4, 5].map((i) => ({ id: String(i), productId: `P${i}`, qty: i === 1 ? 24 : 12 })),
    },
    {
      id: 'PICKING-1',
      type: 'picking',
      number: 'ПОД-0001',
      date,
      warehouseId: 'WH1',
      counterparty: 'Магазин №7',
      lines: [
        { id: '1', productId: 'P6', qty: 6, cellId: 'A-01-01' },
        { id: '2', productId: 'P7', qty: 4, cellId: 'A-01-02' },
      ],
    },
    {
      id: 'INVENTORY-1',
      type: 'inventory',
      number: 'ИНВ-0001',
      date,
      warehouseId: 'WH1',
      lines: [{ id: '1', productId: 'P8', qty: 20, cellId: 'A-01-03' }],
    },
  ];
}

export async function loadDemoBase(app: FastifyInstance, apiKey: string): Promise<void> {
  const send = async (method: 'PUT' | 'POST', url: string, payload: unknown) => {
    const res = await app.inject({
      method,
      url,
      payload: JSON.stringify(payload),
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
  };
  await send('PUT', '/api/v1/catalog/warehouses', [{ id: 'WH1', name: 'Основной склад' }]);
  await send('PUT', '/api/v1/catalog/cells', cells());
  await send('PUT', '/api/v1/catalog/products', products());
  await send('PUT', '/api/v1/catalog/users', [
    { id: 'U1', name: 'Иванов Иван', pin: '1111' },
    { id: 'U2', name: 'Anna Petrova', pin: '2222', badge: 'BADGE-0002' },
  ]);
  await send('POST', '/api/v1/documents', documents());
}
