// Chooses the plan line a new fact belongs to. Several lines may plan the same product (per cell,
// per packing); the choice prefers the scan's cell, then its packing, then a line with room left.
import type { PlanLine } from '@shelfsync/protocol';
import { addQty } from './quantity.js';

export interface BindingRequest {
  productId: string;
  /** Base quantity of the new fact; negative for a correction. */
  qty: number;
  packingId?: string;
  cellId?: string;
}

/**
 * The plan line for a new fact, or null when the plan has none for this product here. A line fixed
 * to another cell is not a candidate: a unit found in cell B is not the one planned in cell A.
 * `filled` is the net fact quantity per plan line (see factQtyByPlanLine).
 */
export function choosePlanLine(
  lines: readonly PlanLine[],
  filled: ReadonlyMap<string, number>,
  req: BindingRequest,
): PlanLine | null {
  const ranked = lines
    .filter((l) => l.productId === req.productId && cellFits(l, req.cellId))
    .map((line, index) => ({ line, index, score: preference(line, req) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((c) => c.line);
  const first = ranked[0];
  if (first === undefined) return null;
  const done = (l: PlanLine) => filled.get(l.id) ?? 0;
  if (req.qty > 0) {
    // A whole scan fits; else a line that is at least not full yet; else the over-plan goes to the first.
    return (
      ranked.find((l) => addQty(done(l), req.qty) <= l.qty) ?? ranked.find((l) => done(l) < l.qty) ?? first
    );
  }
  // A correction takes back from a line that holds enough, else from any line that holds something.
  return ranked.find((l) => addQty(done(l), req.qty) >= 0) ?? ranked.find((l) => done(l) > 0) ?? first;
}

function cellFits(line: PlanLine, cellId: string | undefined): boolean {
  return line.cellId === undefined || cellId === undefined || line.cellId === cellId;
}

function preference(line: PlanLine, req: BindingRequest): number {
  const sameCell = req.cellId !== undefined && line.cellId === req.cellId;
  const samePacking = req.packingId !== undefined && line.packingId === req.packingId;
  return (sameCell ? 2 : 0) + (samePacking ? 1 : 0);
}
