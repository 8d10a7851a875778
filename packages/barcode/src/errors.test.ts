import { expect, test } from 'vitest';
import { BARCODE_ERROR_CODES, BARCODE_ERRORS } from './errors.js';

test('every code is BARCODE_ upper snake case with an English and a Russian sentence', () => {
  expect(BARCODE_ERROR_CODES.length).toBeGreaterThan(5);
  for (const code of BARCODE_ERROR_CODES) {
    expect(code).toMatch(/^BARCODE_[A-Z0-9_]+$/);
    expect(BARCODE_ERRORS[code].message).toMatch(/^[A-Z].*\.$/);
    expect(BARCODE_ERRORS[code].ru).toMatch(/[а-яё]/i);
  }
});
