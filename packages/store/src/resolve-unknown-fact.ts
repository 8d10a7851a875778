// Offline, a terminal records a barcode it does not know as an unknown fact line (DESIGN.md §6). When
// that fact reaches the base and the base's catalog knows the barcode, the base fills in the product,
// the packing and the quantity in base units and binds a plan line, keeping the raw barcode and
// marking the line `resolvedByBase`. A barcode the base does not know either stays unknown for the
// accounting system to settle.
import { choosePlanLine, roundQty } from '@shelfsync/domain';
import type { FactLine, PlanLine } from '@shelfsync/protocol';
import type { BarcodeMatch } from './server-store.js';

/** True when the fact is an unknown barcode the base should try to resolve. */
export function isResolvable(fact: FactLine): fact is FactLine & { barcode: string } {
  return (
    fact.unknown === true && fact.productId === null && fact.barcode !== undefined && fact.barcode !== ''
  );
}

export function resolveUnknownFact(
  fact: FactLine,
  match: BarcodeMatch,
  lines: readonly PlanLine[],
): FactLine {
  const product = match.product;
  if (!isResolvable(fact) || product === undefined) return fact;
  const packing = match.packingId ? product.packings.find((p) => p.id === match.packingId) : undefined;
  const qty = packing ? roundQty(fact.qty * packing.factor) : fact.qty;
  const { unknown: _unknown, ...rest } = fact;
  const line = choosePlanLine(lines, new Map(), {
    productId: product.id,
    qty,
    ...(packing ? { packingId: packing.id } : {}),
    ...(fact.cellId !== undefined ? { cellId: fact.cellId } : {}),
  });
  return {
    ...rest,
    productId: product.id,
    planLineId: line?.id ?? null,
    qty,
    ...(packing ? { packingId: packing.id, packQty: fact.qty } : {}),
    resolvedByBase: true,
  };
}
