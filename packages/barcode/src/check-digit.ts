// GS1 check digits: the mod-10 digit of GTIN/SSCC/GLN and the two-character check pair of
// alphanumeric keys (GMN, MUDI), as defined in the GS1 General Specifications §7.9.

/** The mod-10 check digit for a string of digits that does not yet carry one. */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  let weight = 3; // the rightmost data digit is weighted 3, then 1, 3, 1… leftwards
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += (digits.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of an all-digit string is its correct mod-10 check digit. */
export function hasValidCheckDigit(digits: string): boolean {
  const n = digits.length;
  if (n < 2) return false;
  return gs1CheckDigit(digits.slice(0, n - 1)) === digits.charCodeAt(n - 1) - 48;
}

export const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83];

/** The two check characters for an alphanumeric key body; undefined when it is too long or not CSET 82. */
export function gs1CheckPair(body: string): string | undefined {
  if (body.length > PRIMES.length) return undefined;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const v = CSET82.indexOf(body[i]!);
    if (v < 0) return undefined;
    // weights are primes from 2 upwards, taken from the rightmost body character leftwards
    sum += v * PRIMES[body.length - 1 - i]!;
  }
  sum %= 1021;
  return CSET32[sum >> 5]! + CSET32[sum & 31]!;
}
