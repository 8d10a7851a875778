// Net fact quantities grouped the way the filling engine checks its limits and the summary reports:
// per plan line, per product and cell for facts outside the plan, per barcode for unknown ones.
import type { Document, FactLine } from '@shelfsync/protocol';
import { addQty } from './quantity.js';

/** Facts of one product in one cell that no plan line covers. */
export interface ExtraGroup {
  productId: string;
  cellId?: string;
  qty: number;
}

export interface FactTotals {
  /** Net base quantity bound to each existing plan line. */
  byPlanLine: Map<string, number>;
  /** Facts outside the plan, keyed by extraKey(productId, cellId), in order of first scan. */
  extra: Map<string, ExtraGroup>;
  /** Unknown-barcode facts (productId null), keyed by the raw barcode. */
  unknown: Map<string, number>;
}

/** Key of an extra group; a fact without a cell forms its own group. */
export function extraKey(productId: string, cellId: string | undefined): string {
  return JSON.stringify([productId, cellId ?? null]);
}

/**
 * Groups a document's facts. A fact bound to a plan line that is no longer in the plan (the
 * accounting system replaced it) counts as outside the plan rather than vanishing.
 */
export function totalFacts(doc: Pick<Document, 'lines' | 'facts'>): FactTotals {
  const totals: FactTotals = { byPlanLine: new Map(), extra: new Map(), unknown: new Map() };
  for (const line of doc.lines) totals.byPlanLine.set(line.id, 0);
  for (const fact of doc.facts) addFact(totals, fact);
  return totals;
}

function addFact(totals: FactTotals, fact: FactLine): void {
  const lineQty = fact.planLineId === null ? undefined : totals.byPlanLine.get(fact.planLineId);
  if (fact.planLineId !== null && lineQty !== undefined) {
    totals.byPlanLine.set(fact.planLineId, addQty(lineQty, fact.qty));
  } else if (fact.productId === null) {
    const barcode = fact.barcode ?? '';
    totals.unknown.set(barcode, addQty(totals.unknown.get(barcode) ?? 0, fact.qty));
  } else {
    const key = extraKey(fact.productId, fact.cellId);
    const group = totals.extra.get(key);
    if (group) group.qty = addQty(group.qty, fact.qty);
    else totals.extra.set(key, newGroup(fact.productId, fact.cellId, fact.qty));
  }
}

function newGroup(productId: string, cellId: string | undefined, qty: number): ExtraGroup {
  return cellId === undefined ? { productId, qty } : { productId, cellId, qty };
}

/** Net base quantity bound to each plan line of the document (0 for lines with no facts yet). */
export function factQtyByPlanLine(doc: Pick<Document, 'lines' | 'facts'>): Map<string, number> {
  return totalFacts(doc).byPlanLine;
}

/** How many units carrying this marking code the document holds: scans minus corrections. */
export function markingCodeCount(facts: readonly FactLine[], markingCode: string): number {
  let count = 0;
  for (const fact of facts) {
    if (fact.markingCode === markingCode) count += Math.sign(fact.qty);
  }
  return count;
}
