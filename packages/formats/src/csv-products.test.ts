import { ShelfsyncError } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import { csvToProducts, splitBarcodes } from './csv-products.js';
import { parseCsv } from './parse-csv.js';
import { collect } from './testing/streams.js';

const products = (text: string) => collect(csvToProducts(parseCsv([text])));

describe('csvToProducts', () => {
  test('maps English columns, barcodes, decimal comma prices, flags and attrs', async () => {
    const [r] = await products(
      'id;name;sku;unit;barcodes;price;weighted;color\n' +
        'p1; Молоко ;A-1;шт;4600000000001|4600000000002, 2000000000015;"1 234,50";да;белый\n',
    );
    expect(r).toEqual({
      ok: true,
      line: 2,
      value: {
        id: 'p1',
        name: 'Молоко',
        sku: 'A-1',
        unit: 'шт',
        barcodes: ['4600000000001', '4600000000002', '2000000000015'],
        packings: [],
        price: 1234.5,
        weighted: true,
        attrs: { color: 'белый' },
      },
    });
  });

  test('recognises Russian headers and leaves empty optional cells out', async () => {
    const [r] = await products('Код,Наименование,Артикул,Штрихкод,Цена\n42,Хлеб,,,\n');
    expect(r).toEqual({ ok: true, line: 2, value: { id: '42', name: 'Хлеб', barcodes: [], packings: [] } });
  });

  test('a bad row is a value with line and column; the following rows still import', async () => {
    const rows = await products('id;name;price;marked\n1;A;abc;\n2;;1\n3;C;1;maybe\n4;D;0,5;нет\n');
    expect(rows.map((r) => (r.ok ? r.value.id : [r.error.code, r.error.details]))).toEqual([
      ['IMPORT_BAD_VALUE', { line: 2, column: 'price' }],
      ['IMPORT_BAD_VALUE', { line: 3, column: 'name' }],
      ['IMPORT_BAD_VALUE', { line: 4, column: 'marked' }],
      '4',
    ]);
  });

  test('a negative price is refused by the product schema, named by its column', async () => {
    const [r] = await products('ид;наименование;цена\n1;A;-5\n');
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(r.error.details).toEqual({ line: 2, column: 'цена' });
  });

  test('a header without id or name is IMPORT_MISSING_COLUMN', async () => {
    const e = await products('sku;name\n1;A\n').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ShelfsyncError);
    expect((e as ShelfsyncError).code).toBe('IMPORT_MISSING_COLUMN');
    expect((e as ShelfsyncError).details?.['column']).toBe('id');
  });

  test('splitBarcodes splits on | and , and drops blanks and repeats', () => {
    expect(splitBarcodes(' 1 | 2,,3|1 ')).toEqual(['1', '2', '3']);
    expect(splitBarcodes('')).toEqual([]);
  });
});
