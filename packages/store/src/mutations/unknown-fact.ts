// Offline, a terminal records a barcode it does not know as an unknown fact line (DESIGN.md §6). When
// that fact reaches the base and the base's catalog knows the barcode, the base fills in the product,
// the packing and the quantity in base units and binds a plan line, keeping the raw barcode and
// marking the line `resolvedByBase`. A barcode the base does not know either stays unknown for the
// accounting system to settle. Resolved inside the push's own transaction.
import { choosePlanLine, roundQty } from '@shelfsync/domain';
import type { FactLine, PlanLine } from '@shelfsync/protocol';
import { findByBarcode } from '../catalog/catalog.js';
import type { Tx } from '../tx.js';

/** The fact as the base stores it: resolved when it is an unknown barcode the catalog now knows. */
export async function resolveFact(tx: Tx, docId: string, fact: FactLine): Promise<FactLine> {
  if (!isResolvable(fact)) return fact;
  const { product, packingId } = await findByBarcode(tx, fact.barcode);
  if (!product) return fact;
  const rows = await tx.all<{ json: string }>('SELECT json FROM plan_lines WHERE doc_id = ? ORDER BY pos', [
    docId,
  ]);
  const lines = rows.map((r) => JSON.parse(r.json) as PlanLine);
  const packing = packingId ? product.packings.find((p) => p.id === packingId) : undefined;
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

/** True when the fact is an unknown barcode the base should try to resolve. */
function isResolvable(fact: FactLine): fact is FactLine & { barcode: string } {
  return (
    fact.unknown === true && fact.productId === null && fact.barcode !== undefined && fact.barcode !== ''
  );
}
