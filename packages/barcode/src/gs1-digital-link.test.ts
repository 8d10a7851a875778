import { expect, test } from 'vitest';
import { digitalLinkToElementString } from './gs1-digital-link.js';
import { parseScan } from './parse-scan.js';

const GS = '\u001d';

test('path pairs after any prefix, then query AIs, become an element string', () => {
  expect(
    digitalLinkToElementString('https://id.gs1.org/01/04607809591331/10/AB%2F1/21/S1?17=261231&linkType=all'),
  ).toBe(`0104607809591331` + `10AB/1${GS}21S1${GS}17261231`);
  expect(digitalLinkToElementString('https://example.com/shop/p/01/4607809591331')).toBe('0104607809591331');
});

test('URIs without a primary key are not Digital Links', () => {
  expect(digitalLinkToElementString('https://example.com/10/ABC')).toBeUndefined();
  expect(digitalLinkToElementString('https://example.com/about')).toBeUndefined();
  expect(digitalLinkToElementString('C-01-02')).toBeUndefined();
});

test('parseScan reads a Digital Link QR as GS1 data and validates it', () => {
  const r = parseScan('https://id.gs1.org/01/04607809591331/10/L7?17=260200', { referenceYear: 2026 });
  expect(r.ok && r.value).toMatchObject({
    kind: 'gs1',
    gtin: '04607809591331',
    lot: 'L7',
    expiry: '2026-02-28',
  });
  const bad = parseScan('https://id.gs1.org/01/04607809591332');
  expect(!bad.ok && bad.error.code).toBe('BARCODE_CHECK_DIGIT');
  const other = parseScan('https://example.com/about');
  expect(other.ok && other.value.kind).toBe('text');
});
