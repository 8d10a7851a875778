import { afterEach, expect, test, vi } from 'vitest';
import { printScan } from './terminal-output.js';

afterEach(() => {
  vi.restoreAllMocks();
});

test('`terminal scan` prints why an unreadable scan kept as an unknown line could not be read', () => {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
    lines.push(String(text));
    return true;
  });
  const reason = 'The check digit of EAN-13 4600000000011 is 1, expected 5.';
  printScan(
    {
      ok: true,
      fact: {
        id: 'f1',
        planLineId: null,
        productId: null,
        qty: 1,
        unknown: true,
        barcode: '4600000000011',
        at: '2026-11-25T10:00:00.000Z',
      },
      warnings: [{ code: 'BARCODE_CHECK_DIGIT', message: reason }],
    },
    false,
  );
  expect(lines).toEqual([
    'OK +1 unknown barcode 4600000000011\n',
    `  warning BARCODE_CHECK_DIGIT: ${reason}\n`,
  ]);
});
