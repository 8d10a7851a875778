import { expect, test } from 'vitest';
import { gs1CheckDigit } from './check-digit.js';
import { lookupKeys } from './lookup-keys.js';
import { parseScan } from './parse-scan.js';
import type { ParsedScan, ScanRules } from './types.js';

const keys = (raw: string, rules?: ScanRules): string[] => {
  const r = parseScan(raw, rules);
  if (!r.ok) throw new Error(r.error.message);
  return lookupKeys(r.value as ParsedScan);
};

test('a marking code finds a catalog holding the 13-digit EAN', () => {
  const k = keys(`0104607809591331215Xx5tRB2A,1Sa\u001d93dGh4`);
  expect(k).toEqual(['04607809591331', '4607809591331']);
});

test('an EAN-13 is probed as scanned, then as GTIN-14', () => {
  expect(keys('4607809591331')).toEqual(['4607809591331', '04607809591331']);
  expect(keys('46009333')).toEqual(['46009333', '00000046009333', '0000046009333', '000046009333']);
});

test('8 digits that are both a valid EAN-8 and a valid UPC-E are probed both ways', () => {
  // 01234565 has a valid EAN-8 check digit and expands as UPC-E to 012345000065, also valid
  expect(keys('01234565')).toEqual([
    '01234565',
    '00000001234565',
    '0000001234565',
    '000001234565',
    '00012345000065',
    '0012345000065',
    '012345000065',
  ]);
  expect(keys(']E401234565')).toHaveLength(4);
});

test('a weight barcode is probed by prefix+item, the zeroed EAN-13, then the item code', () => {
  const body = '220012301250';
  const zero = '220012300000';
  const rules: ScanRules = {
    inStoreRules: [{ prefix: '22', itemDigits: 5, measure: 'weight', valueDigits: 5 }],
  };
  expect(keys(body + gs1CheckDigit(body), rules)).toEqual([
    '2200123',
    zero + gs1CheckDigit(zero),
    '00123',
    body + gs1CheckDigit(body),
  ]);
});

test('text is probed as repaired and as typed', () => {
  expect(keys('С-01-02')).toEqual(['C-01-02', 'С-01-02']);
  expect(keys('  C-01-02 ')).toEqual(['C-01-02']);
  expect(keys(']A0C-01-02')).toEqual(['C-01-02']);
});

test('a template scan is probed by its product key', () => {
  expect(keys('12345024', { templates: [{ template: '{ProductId:5}{Quantity:3}' }] })).toEqual([
    '12345',
    '12345024',
  ]);
});
