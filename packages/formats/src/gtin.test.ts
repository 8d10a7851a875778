import { expect, test } from 'vitest';
import { hasValidGtinCheckDigit, isInternalCode, looksLikeGtin } from './gtin.js';

test.each(['4607001771432', '96385074', '036000291452', '10614141000415', '2000000000183'])(
  '%s has a valid check digit',
  (code) => {
    expect(hasValidGtinCheckDigit(code)).toBe(true);
  },
);

test.each(['8809398300548', '8809288409103', '4607001771433', '96385075', '12345', 'ABC12345', ''])(
  '%s is not a valid GTIN',
  (code) => {
    expect(hasValidGtinCheckDigit(code)).toBe(false);
  },
);

test('check digit of the published GS1 example', () => {
  expect(looksLikeGtin('6291041500213')).toBe(true);
});

test('1C-internal codes', () => {
  expect(isInternalCode('2000000000183')).toBe(true);
  expect(isInternalCode('2100000000183')).toBe(false);
  expect(isInternalCode('4607001771432')).toBe(false);
});
