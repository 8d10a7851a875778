import { type Document, DocumentSchema } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import { events, ofType } from './testing/cml.js';
import { utf8 } from './testing/streams.js';
import { exportRows, writeCommerceMlDocuments } from './write-commerce-ml.js';

const at = '2026-11-25T10:00:00.000Z';
const fact = (
  id: string,
  productId: string | null,
  qty: number,
  planLineId: string | null,
  barcode?: string,
) => ({
  id,
  productId,
  qty,
  planLineId,
  at,
  ...(barcode ? { barcode } : {}),
});

const picking: Document = DocumentSchema.parse({
  id: 'order-77',
  type: 'picking',
  number: 'ЗК-77',
  date: '2026-11-20T09:15:00+03:00',
  counterparty: 'ООО "Ромашка" & Co <опт>',
  comment: 'Проверено',
  status: 'completed',
  rev: 4,
  completedAt: at,
  deviceId: 'tsd-3',
  lines: [
    { id: 'l1', productId: 'milk-1', qty: 12, price: 100, fields: { name: 'Молоко 3,2%', unitCode: '796' } },
    { id: 'l2', productId: 'cheese-1', qty: 2.5, price: 760 },
  ],
  facts: [
    fact('f1', 'milk-1', 10, 'l1'),
    fact('f2', 'milk-1', 1, 'l1'),
    fact('f3', 'cheese-1', 2.475, 'l2'),
    fact('f4', 'bread-9', 3, null),
    fact('f5', null, 1, null, '4600000000017'),
  ],
});

const receipt: Document = DocumentSchema.parse({
  id: 'supply-5',
  type: 'receipt',
  date: '2026-11-21',
  status: 'completed',
  rev: 1,
  lines: [{ id: 'l1', productId: 'boots-1#size-39', qty: 6 }],
  facts: [fact('f1', 'boots-1#size-39', 6, 'l1')],
});

describe('writeCommerceMlDocuments', () => {
  test('plan lines carry their bound facts; facts outside the plan become extra rows', () => {
    expect(exportRows(picking)).toEqual([
      {
        productId: 'milk-1',
        lineId: 'l1',
        plan: 12,
        fact: 11,
        price: 100,
        name: 'Молоко 3,2%',
        unitCode: '796',
      },
      { productId: 'cheese-1', lineId: 'l2', plan: 2.5, fact: 2.475, price: 760 },
      { productId: 'bread-9', plan: 0, fact: 3 },
    ]);
  });

  test('round trip through readCommerceMl: ids, types, dates, fact quantities, plan as a requisite', async () => {
    const xml = writeCommerceMlDocuments([picking, receipt], { generatedAt: new Date(at) });
    const list = await events(utf8(xml), 333);
    expect(list[0]).toMatchObject({
      type: 'root',
      schemaVersion: '2.10',
      generatedAt: '2026-11-25T10:00:00',
    });
    const [a, b] = ofType(list, 'document').map((d) => d.document);
    expect(a).toMatchObject({
      id: 'order-77',
      type: 'picking',
      number: 'ЗК-77',
      date: '2026-11-20',
      counterparty: 'ООО "Ромашка" & Co <опт>',
      comment: 'Проверено',
    });
    expect(a?.fields).toMatchObject({
      time: '09:15:00',
      sum: 1100 + 760 * 2.475,
      Статус: 'completed',
      Терминал: 'tsd-3',
    });
    expect(a?.fields?.['НеизвестныйШтрихкод']).toBe('4600000000017: 1');
    expect(a?.lines.map((l) => [l.productId, l.qty, l.fields?.['КоличествоПлан']])).toEqual([
      ['milk-1', 11, '12'],
      ['cheese-1', 2.475, '2.5'],
      ['bread-9', 3, '0'],
    ]);
    expect(a?.lines[0]).toMatchObject({ price: 100, fields: { name: 'Молоко 3,2%', unitCode: '796' } });
    expect(b).toMatchObject({ id: 'supply-5', type: 'receipt', number: 'supply-5', date: '2026-11-21' });
    expect(b?.lines).toEqual([
      {
        productId: 'boots-1#size-39',
        qty: 6,
        fields: { name: 'boots-1#size-39', КоличествоПлан: '6', КоличествоФакт: '6', ИдСтроки: 'l1' },
      },
    ]);
  });

  test('the operation and role the document came with are written back', async () => {
    const doc = { ...receipt, fields: { operation: 'Возврат товара', role: 'Продавец' } };
    const xml = writeCommerceMlDocuments([doc]);
    expect(xml).toContain('<ХозОперация>Возврат товара</ХозОперация>');
    const [back] = ofType(await events(utf8(xml)), 'document');
    expect(back?.document.type).toBe('receipt');
  });

  test('an empty batch is a valid, empty exchange file', async () => {
    const list = await events(utf8(writeCommerceMlDocuments([])));
    expect(list.map((e) => e.type)).toEqual(['root']);
  });

  test('each marking code, cell, serial, lot and operator gets its own Товар; undone scans vanish', async () => {
    const mark = (id: string, code: string, qty: number, extra: Record<string, string> = {}) => ({
      ...fact(id, 'shoes-1', qty, 'l1'),
      markingCode: code,
      cellId: 'A-01',
      operatorId: 'U1',
      ...extra,
    });
    const doc = DocumentSchema.parse({
      ...receipt,
      id: 'marked-1',
      lines: [{ id: 'l1', productId: 'shoes-1', qty: 3 }],
      facts: [
        mark('m1', '0104600000000017215abc', 1),
        mark('m2', '0104600000000017215def', 1, { cellId: 'A-02' }),
        mark('m3', '0104600000000017215ghi', 1),
        mark('m4', '0104600000000017215ghi', -1), // scanned by mistake, removed
        { ...fact('s1', 'drill-9', 1, null), serial: 'SN-1', lot: 'L-7', expiry: '2027-01-31' },
      ],
    });
    expect(exportRows(doc)).toEqual([
      {
        productId: 'shoes-1',
        lineId: 'l1',
        plan: 3,
        fact: 1,
        cellId: 'A-01',
        markingCode: '0104600000000017215abc',
        operatorId: 'U1',
      },
      {
        productId: 'shoes-1',
        lineId: 'l1',
        plan: 0,
        fact: 1,
        cellId: 'A-02',
        markingCode: '0104600000000017215def',
        operatorId: 'U1',
      },
      { productId: 'drill-9', plan: 0, fact: 1, serial: 'SN-1', lot: 'L-7', expiry: '2027-01-31' },
    ]);
    const [back] = ofType(await events(utf8(writeCommerceMlDocuments([doc]))), 'document');
    expect(back?.document.lines.map((l) => [l.productId, l.qty, l.fields])).toEqual([
      [
        'shoes-1',
        1,
        {
          name: 'shoes-1',
          КоличествоПлан: '3',
          КоличествоФакт: '1',
          ИдСтроки: 'l1',
          Ячейка: 'A-01',
          КодМаркировки: '0104600000000017215abc',
          Оператор: 'U1',
        },
      ],
      [
        'shoes-1',
        1,
        {
          name: 'shoes-1',
          КоличествоПлан: '0',
          КоличествоФакт: '1',
          ИдСтроки: 'l1',
          Ячейка: 'A-02',
          КодМаркировки: '0104600000000017215def',
          Оператор: 'U1',
        },
      ],
      [
        'drill-9',
        1,
        {
          name: 'drill-9',
          КоличествоПлан: '0',
          КоличествоФакт: '1',
          СерийныйНомер: 'SN-1',
          Партия: 'L-7',
          СрокГодности: '2027-01-31',
        },
      ],
    ]);
  });
});
