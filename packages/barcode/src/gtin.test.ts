import { expect, test } from 'vitest';
import { expandUpcE, gtinShortForms, normalizeGtin } from './gtin.js';

test('normalizeGtin pads every GTIN length to 14 digits and rejects bad check digits', () => {
  expect(normalizeGtin('4607809591331')).toBe('04607809591331');
  expect(normalizeGtin('04607809591331')).toBe('04607809591331');
  expect(normalizeGtin(' 46009333 ')).toBe('00000046009333');
  expect(normalizeGtin('042100005264')).toBe('00042100005264');
  expect(normalizeGtin('4607809591332')).toBeUndefined();
  expect(normalizeGtin('46078095913')).toBeUndefined();
  expect(normalizeGtin('46078095913A1')).toBeUndefined();
});

test('UPC-E expands by its last digit into UPC-A', () => {
  expect(expandUpcE('04252614')).toBe('042100005264');
  expect(expandUpcE('01234505')).toBe('012000003455');
  expect(expandUpcE('01234531')).toBe('012300000451');
  expect(expandUpcE('01234549')).toBe('012340000059');
  expect(expandUpcE('01234565')).toBe('012345000065');
  expect(expandUpcE('21234565')).toBeUndefined();
});

test('short forms of a GTIN-14 for catalog matching', () => {
  expect(gtinShortForms('04607809591331')).toEqual(['4607809591331']);
  expect(gtinShortForms('00000046009333')).toEqual(['0000046009333', '000046009333', '46009333']);
  expect(gtinShortForms('14607809591338')).toEqual([]);
});
