import { expect, test } from 'vitest';
import { gs1CheckDigit } from './check-digit.js';
import { parseScan } from './parse-scan.js';
import type { InStoreRule, ScanRules } from './types.js';

const withCheck = (body: string): string => body + gs1CheckDigit(body);

const WEIGHT: InStoreRule = { prefix: '22', itemDigits: 5, measure: 'weight', valueDigits: 5 };
const PRICE: InStoreRule = { prefix: '23', itemDigits: 5, measure: 'price', valueDigits: 5 };
const rules: ScanRules = { inStoreRules: [WEIGHT, PRICE] };

test('a weight barcode gives the item code and the weight in grams', () => {
  const r = parseScan(withCheck('220012301250'), rules);
  expect(r.ok && r.value).toMatchObject({
    kind: 'weight',
    productKey: '00123',
    itemBarcode: '2200123',
    weightGrams: 1250,
    weightKg: 1.25,
  });
});

test('a price barcode gives the price in kopecks', () => {
  const r = parseScan(withCheck('230012300990'), rules);
  expect(r.ok && r.value).toMatchObject({ kind: 'price', productKey: '00123', priceKopecks: 990 });
});

test('a count barcode gives a quantity of pieces (in-store multipacks)', () => {
  const COUNT: InStoreRule = { prefix: '26', itemDigits: 6, measure: 'count', valueDigits: 4 };
  const r = parseScan(withCheck('260001230012'), { inStoreRules: [COUNT] });
  expect(r.ok && r.value).toMatchObject({ kind: 'count', productKey: '000123', quantity: 12 });
});

test('decimals change the scale: weight in 10 g steps, price in whole roubles', () => {
  const coarse: ScanRules = {
    inStoreRules: [
      { prefix: '24', itemDigits: 6, measure: 'weight', valueDigits: 4, decimals: 2 },
      { prefix: '25', itemDigits: 6, measure: 'price', valueDigits: 4, decimals: 0 },
    ],
  };
  const w = parseScan(withCheck('240001230125'), coarse);
  expect(w.ok && w.value.weightGrams).toBe(1250);
  const p = parseScan(withCheck('250001230125'), coarse);
  expect(p.ok && p.value.priceKopecks).toBe(12500);
});

test('a wrong check digit on a weight barcode is refused with the reason', () => {
  const good = withCheck('220012301250');
  const bad = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
  const r = parseScan(bad, rules);
  expect(r.ok).toBe(false);
  expect(!r.ok && r.error.code).toBe('BARCODE_CHECK_DIGIT');
  expect(!r.ok && r.error.message).toContain(`expected ${good[12]}`);
});

test('without a rule, a prefix-2 code is an ordinary EAN-13', () => {
  const r = parseScan(withCheck('220012301250'));
  expect(r.ok && r.value.kind).toBe('ean13');
});

test('1C-internal 2000000xxxxxx codes are not weight codes unless a rule says so', () => {
  const internal = withCheck('200000012345');
  const general: ScanRules = {
    inStoreRules: [{ prefix: '20', itemDigits: 5, measure: 'weight', valueDigits: 5 }],
  };
  const a = parseScan(internal, general);
  expect(a.ok && a.value.kind).toBe('ean13');
  const optIn: ScanRules = { inStoreRules: [{ ...general.inStoreRules![0]!, includeInternal1C: true }] };
  const b = parseScan(internal, optIn);
  expect(b.ok && b.value).toMatchObject({ kind: 'weight', productKey: '00000', weightGrams: 12345 });
  const named: ScanRules = {
    inStoreRules: [{ prefix: '2000000', itemDigits: 3, measure: 'price', valueDigits: 2 }],
  };
  const c = parseScan(internal, named);
  expect(c.ok && c.value).toMatchObject({ kind: 'price', productKey: '123', priceKopecks: 45 });
});

test('the longest prefix wins and a misconfigured rule refuses every scan with the reason', () => {
  const both: ScanRules = {
    inStoreRules: [
      { prefix: '2', itemDigits: 6, measure: 'price', valueDigits: 5 },
      { prefix: '22', itemDigits: 5, measure: 'weight', valueDigits: 5 },
    ],
  };
  const r = parseScan(withCheck('220012301250'), both);
  expect(r.ok && r.value.kind).toBe('weight');
  const broken = parseScan('4607809591331', { inStoreRules: [{ ...WEIGHT, prefix: 'X2' }] });
  expect(!broken.ok && broken.error).toMatchObject({ code: 'BARCODE_RULES_INVALID' });
  expect(!broken.ok && broken.error.message).toContain('prefix "X2"');
});
