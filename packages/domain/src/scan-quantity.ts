// Validates a scanned quantity and converts it to base units (a box of 12 counts 12).
import type { ResolvedScan } from './filling.js';
import { roundQty } from './quantity.js';

/** The largest base quantity a fact line may carry on the wire. */
const MAX_QTY = 1e9;
/** How far from a whole number a non-weighted quantity may stray through float noise (0.1 × 30). */
const WHOLE_TOLERANCE = 1e-6;

export type ScanQuantity = { ok: true; qty: number } | { ok: false; reason: string };

/**
 * Base-unit quantity of a scan: `raw` counts packings when a packing was scanned. Weighted products
 * keep 3 decimals; everything else must come out as whole units. Unknown barcodes keep 3 decimals,
 * since nothing says whether the product is weighed.
 */
export function scanQuantity(resolved: ResolvedScan | null, raw: number): ScanQuantity {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw === 0) {
    return { ok: false, reason: 'not a non-zero number' };
  }
  const exact = raw * (resolved?.packing?.factor ?? 1);
  const whole = resolved !== null && resolved.product.weighted !== true;
  if (whole && Math.abs(exact - Math.round(exact)) > WHOLE_TOLERANCE) {
    return { ok: false, reason: 'this product is counted in whole units' };
  }
  const qty = whole ? Math.round(exact) + 0 : roundQty(exact);
  if (qty === 0) return { ok: false, reason: 'rounds to zero' };
  if (Math.abs(qty) > MAX_QTY) return { ok: false, reason: 'too large' };
  return { ok: true, qty };
}
