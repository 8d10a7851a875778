import { expect, test } from 'vitest';
import { importRank, inputKind } from './input-kind.js';

test('file kinds are told by name and extension', () => {
  expect(inputKind('products.ndjson')).toEqual({ kind: 'catalog', table: 'products', format: 'ndjson' });
  expect(inputKind('Products-2026-11-25.CSV')).toEqual({ kind: 'catalog', table: 'products', format: 'csv' });
  expect(inputKind('users.json')).toEqual({ kind: 'catalog', table: 'users', format: 'json' });
  expect(inputKind('documents_night.ndjson')).toEqual({ kind: 'documents', format: 'ndjson' });
  expect(inputKind('offers0_1.xml')).toEqual({ kind: 'commerceml' });
  expect(() => inputKind('cells.csv')).toThrow(expect.objectContaining({ code: 'IMPORT_UNKNOWN_FILE' }));
  expect(() => inputKind('notes.txt')).toThrow(expect.objectContaining({ code: 'IMPORT_UNKNOWN_FILE' }));
});

test('catalogs import before CommerceML catalogs, offers, then documents', () => {
  const names = ['documents.json', 'orders.xml', 'offers.xml', 'import.xml', 'zzz.txt', 'products.csv'];
  expect(names.sort((a, b) => importRank(a) - importRank(b))).toEqual([
    'products.csv',
    'import.xml',
    'offers.xml',
    'documents.json',
    'orders.xml',
    'zzz.txt',
  ]);
});
