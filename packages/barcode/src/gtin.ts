// EAN-8, EAN-13, UPC-A, UPC-E, GTIN-14 and SSCC: check digits, UPC-E expansion and the 14-digit
// GTIN form used to match a catalog barcode against any way the same item is encoded.
import { gs1CheckDigit, hasValidCheckDigit } from './check-digit.js';

const DIGITS = /^\d+$/;

export function isDigits(s: string): boolean {
  return DIGITS.test(s);
}

/**
 * Expands an 8-digit UPC-E (number system 0 or 1, six digits, check digit) to its 12-digit UPC-A;
 * undefined when it is not a UPC-E shape. The check digit is carried over, not verified.
 */
export function expandUpcE(code: string): string | undefined {
  if (code.length !== 8 || !isDigits(code) || (code[0] !== '0' && code[0] !== '1')) return undefined;
  const ns = code[0]!;
  const d = code.slice(1, 7);
  const check = code[7]!;
  const last = d[5]!;
  let body: string;
  if (last <= '2') body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${d.slice(0, 4)}00000${d[4]}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  return `${ns}${body}${check}`;
}

/** A GTIN-8/12/13/14 with a valid check digit in its 14-digit form; undefined otherwise. */
export function normalizeGtin(code: string): string | undefined {
  const s = code.trim();
  if (s.length !== 8 && s.length !== 12 && s.length !== 13 && s.length !== 14) return undefined;
  if (!isDigits(s) || !hasValidCheckDigit(s)) return undefined;
  return s.padStart(14, '0');
}

/** The shorter forms a 14-digit GTIN may be stored as in a catalog: EAN-13, UPC-A, EAN-8. */
export function gtinShortForms(gtin14: string): string[] {
  const out: string[] = [];
  if (gtin14.startsWith('0')) out.push(gtin14.slice(1));
  if (gtin14.startsWith('00')) out.push(gtin14.slice(2));
  if (gtin14.startsWith('000000')) out.push(gtin14.slice(6));
  return out;
}

/** Explains a wrong check digit: "check digit of EAN-13 4607809591332 is 2, expected 1". */
export function checkDigitMessage(name: string, code: string): string {
  const expected = gs1CheckDigit(code.slice(0, -1));
  return `The check digit of ${name} ${code} is ${code.slice(-1)}, expected ${expected}`;
}

export { hasValidCheckDigit };
