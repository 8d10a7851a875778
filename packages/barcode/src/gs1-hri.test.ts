import { expect, test } from 'vitest';
import { hriToElementString } from './gs1-hri.js';
import { parseScan } from './parse-scan.js';

const GS = '\u001d';

test('bracketed AIs become an element string with GS where needed', () => {
  expect(hriToElementString('(01)04607809591331(10)AB(17)260200')).toBe(
    `0104607809591331` + `10AB${GS}17260200`,
  );
  // a bracket pair around something that is not an AI stays in the value
  expect(hriToElementString('(01)04607809591331(21)A(B)C')).toBe('010460780959133121A(B)C');
  expect(hriToElementString('(C)-01')).toBeUndefined();
  expect(hriToElementString('x(01)04607809591331')).toBeUndefined();
});

test('parseScan reads the printed form and validates it like any GS1 code', () => {
  const r = parseScan('(01)04607809591331(17)260200(10)LOT1', { referenceYear: 2026 });
  expect(r.ok && r.value).toMatchObject({
    kind: 'gs1',
    gtin: '04607809591331',
    expiry: '2026-02-28',
    lot: 'LOT1',
  });
  const bad = parseScan('(01)04607809591332');
  expect(!bad.ok && bad.error.code).toBe('BARCODE_CHECK_DIGIT');
});
