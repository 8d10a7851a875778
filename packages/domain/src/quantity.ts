// Quantity arithmetic for plan and fact: weights are fractional, so sums go through integer
// thousandths to keep 0.1 + 0.2 equal to 0.3 on every terminal and on the base.

/** Quantities are kept to this many thousandths (grams for kilograms). */
const SCALE = 1000;

/** A quantity rounded to 3 decimals; -0 becomes 0. */
export function roundQty(q: number): number {
  return Math.round(q * SCALE) / SCALE + 0;
}

/** Sum of quantities, exact to 3 decimals whatever the order. */
export function sumQty(quantities: Iterable<number>): number {
  let milli = 0;
  for (const q of quantities) milli += Math.round(q * SCALE);
  return milli / SCALE + 0;
}

/** a + b exact to 3 decimals. */
export function addQty(a: number, b: number): number {
  return sumQty([a, b]);
}
