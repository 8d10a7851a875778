// GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) checks, used to flag suspicious catalog barcodes.
import { hasValidCheckDigit } from '@shelfsync/barcode';

/** True when the text has a GTIN length (8, 12, 13, 14 digits). */
export function looksLikeGtin(code: string): boolean {
  return /^(\d{8}|\d{12,14})$/.test(code);
}

export function hasValidGtinCheckDigit(code: string): boolean {
  return looksLikeGtin(code) && hasValidCheckDigit(code);
}

/**
 * 1C numbers its own labels 2000000000000 onwards (EAN-13 prefix 2, "restricted circulation"):
 * the same range that in-store weight and price labels use, so scanners must not decode them.
 */
export function isInternalCode(code: string): boolean {
  return /^2000\d{9}$/.test(code);
}
