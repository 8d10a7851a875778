// Issue 14: parseScan against anything a scanner, a keyboard wedge or an attacker can type. It is
// total: it returns a value or a failure with a BARCODE_* code from the error table, never throws.
// FUZZ_RUNS cases (default 200; `npm run fuzz` runs 10,000). Valid GS1 input: gs1-property.test.ts.
import { isErrorCode } from '@shelfsync/protocol';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseScan } from './parse-scan.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);

/** Scan-like text: symbology prefixes, GS separators, AIs, digits, Cyrillic keyboard layout, junk. */
const scanLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(']C1', ']d2', ']Q3', ']e0', '\u001d', '(01)', '(21)', '(17)', '01', '21', '10', '8005'),
      fc.constantFrom('https://id.gs1.org/01/', '/01/04600000000015/21/', '?17=', '%1D', '\u0000', '\uFEFF'),
      fc.stringMatching(/^[0-9]{1,20}$/),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

test('parseScan is total: a value or a coded failure for any text', () => {
  fc.assert(
    fc.property(fc.oneof(scanLike, fc.string({ unit: 'binary', maxLength: 400 })), (text) => {
      const result = parseScan(text, { referenceYear: 2026 });
      if (!result.ok) {
        expect(result.error.code).toMatch(/^BARCODE_/);
        expect(isErrorCode(result.error.code)).toBe(true);
      }
    }),
    { numRuns: RUNS * 5 },
  );
});

test('a very long scan is answered, not choked on', () => {
  for (const text of [
    ']C101'.padEnd(100_000, '9'),
    '\u001d'.repeat(50_000),
    `https://x/${'01/'.repeat(20_000)}`,
  ]) {
    const result = parseScan(text, { referenceYear: 2026 });
    if (!result.ok) expect(isErrorCode(result.error.code)).toBe(true);
  }
});
