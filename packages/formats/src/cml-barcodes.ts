// Catalog barcodes from 1C: trimmed, de-duplicated, and checked so that bad data is reported.
import type { CmlWarning } from './cml-events.js';
import { hasValidGtinCheckDigit, looksLikeGtin } from './gtin.js';

/**
 * Keeps every non-blank code (a wrong check digit is a warning, not a reason to drop what is
 * printed on the box). 1C-internal 2000000… codes are kept as they are.
 */
export function cleanBarcodes(
  raw: readonly { text: string; line: number }[],
  warnings: CmlWarning[],
): string[] {
  const out: string[] = [];
  for (const { text, line } of raw) {
    const code = text.trim(); // JS trim also removes no-break spaces
    if (code === '' || out.includes(code)) continue;
    if (looksLikeGtin(code) && !hasValidGtinCheckDigit(code)) {
      warnings.push({
        code: 'BARCODE_CHECK_DIGIT',
        message: `Barcode ${code} has a wrong check digit; kept as written.`,
        line,
        value: code,
      });
    }
    out.push(code);
  }
  return out;
}
