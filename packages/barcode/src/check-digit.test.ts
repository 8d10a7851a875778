import { expect, test } from 'vitest';
import { gs1CheckDigit, gs1CheckPair, hasValidCheckDigit } from './check-digit.js';

test('mod-10 check digits of known GTINs and SSCCs', () => {
  expect(gs1CheckDigit('460780959133')).toBe(1);
  expect(gs1CheckDigit('629104150021')).toBe(3); // GS1 General Specifications example
  expect(gs1CheckDigit('1234567')).toBe(0);
  expect(hasValidCheckDigit('4607809591331')).toBe(true);
  expect(hasValidCheckDigit('4607809591332')).toBe(false);
  expect(hasValidCheckDigit('7')).toBe(false);
});

test('alphanumeric check pair matches the GS1 General Specifications example', () => {
  // GS1 GenSpecs §7.9.5 example: GMN 1987654Ad4X4bL5ttr2310c2K
  expect(gs1CheckPair('1987654Ad4X4bL5ttr2310c')).toBe('2K');
  expect(gs1CheckPair('$')).toBeUndefined();
});
