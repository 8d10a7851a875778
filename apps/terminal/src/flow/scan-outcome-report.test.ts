import type { FactLine } from '@shelfsync/protocol';
import { ERRORS } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { scanOutcomeReport } from './scan-outcome-report.js';

const MISREAD = '4600000000011';
const scanned = { barcode: MISREAD, name: MISREAD };
const fact = (changes: Partial<FactLine>): FactLine => ({
  id: 'f1',
  planLineId: null,
  productId: null,
  qty: 1,
  at: '2026-11-25T10:00:00.000Z',
  ...changes,
});
const reason = 'The check digit of EAN-13 4600000000011 is 1, expected 5.';

test('a refused unreadable scan shows the parser code’s operator sentence in the operator’s language', () => {
  const outcome = { ok: false as const, code: 'BARCODE_CHECK_DIGIT' as const, message: reason };
  expect(scanOutcomeReport('ru', outcome, scanned)).toEqual({
    kind: 'error',
    text: ERRORS.BARCODE_CHECK_DIGIT.ru,
  });
  expect(scanOutcomeReport('en', outcome, scanned).text).toBe(ERRORS.BARCODE_CHECK_DIGIT.message);
});

test('an unreadable scan kept as an unknown line says why before "unknown barcode"', () => {
  const outcome = {
    ok: true as const,
    fact: fact({ unknown: true, barcode: MISREAD }),
    warnings: [{ code: 'BARCODE_CHECK_DIGIT' as const, message: reason }],
  };
  expect(scanOutcomeReport('ru', outcome, scanned)).toEqual({
    kind: 'warning',
    text: `${ERRORS.BARCODE_CHECK_DIGIT.ru} Неизвестный штрихкод ${MISREAD}`,
  });
});

test('other outcomes read as before: unknown, accepted, accepted with a warning, refused with cells', () => {
  const unknown = { ok: true as const, fact: fact({ unknown: true }), warnings: [] };
  expect(scanOutcomeReport('en', unknown, scanned)).toEqual({
    kind: 'warning',
    text: `Unknown barcode ${MISREAD}`,
  });
  const milk = { barcode: '4600000000015', name: 'Milk' };
  const accepted = { ok: true as const, fact: fact({ productId: 'milk', qty: 2 }), warnings: [] };
  expect(scanOutcomeReport('en', accepted, milk)).toEqual({ kind: 'success', text: 'Added 2 × Milk' });
  const warned = {
    ...accepted,
    warnings: [{ code: 'SCAN_NOT_IN_PLAN' as const, message: ERRORS.SCAN_NOT_IN_PLAN.message }],
  };
  expect(scanOutcomeReport('en', warned, milk)).toEqual({
    kind: 'warning',
    text: `${ERRORS.SCAN_NOT_IN_PLAN.message} Added 2 × Milk`,
  });
  const refused = { ok: false as const, code: 'SCAN_NOT_IN_PLAN' as const, message: 'x' };
  expect(scanOutcomeReport('en', refused, milk, 'A-01').text).toBe(
    `${ERRORS.SCAN_NOT_IN_PLAN.message} → A-01`,
  );
});
