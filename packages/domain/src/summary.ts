// Plan versus fact for a document: one line per plan line, per product and cell outside the plan and
// per unknown barcode, with shortage and excess totals for the finishing screen.
import type { Document, PlanLine } from '@shelfsync/protocol';
import { type ExtraGroup, totalFacts } from './fact-totals.js';
import { sumQty } from './quantity.js';

/** done/under/over for plan lines; extra for known products outside the plan; unknown barcodes. */
export type LineState = 'done' | 'under' | 'over' | 'extra' | 'unknown';

export interface SummaryLine {
  /** Stable within a document: `plan:<id>`, `extra:["<productId>","<cellId>"|null]`, `unknown:<barcode>`. */
  key: string;
  planLineId: string | null;
  productId: string | null;
  cellId?: string;
  barcode?: string;
  plan: number;
  fact: number;
  state: LineState;
}

export interface DocumentSummary {
  /** Plan lines in plan order, then groups outside the plan, then unknown barcodes (first scan first). */
  lines: SummaryLine[];
  totals: {
    plan: number;
    /** Every net fact, unknown barcodes included. */
    fact: number;
    /** Σ max(0, plan − fact) over plan lines. */
    shortage: number;
    /** Σ over-plan amounts of plan lines, plus quantities outside the plan. */
    excess: number;
    /** Net quantity scanned under unknown barcodes (not part of excess). */
    unknown: number;
    /** Summary lines, and how many of them are done. */
    lines: number;
    doneLines: number;
  };
  /** Every plan line done and nothing over, extra or unknown. */
  complete: boolean;
}

/**
 * Aggregates the facts of a document. In a document without a plan (blind receipt, ad-hoc count)
 * nothing is extra: each counted product and cell is a done line. Groups whose corrections brought
 * them back to zero are left out, so a mistaken scan that was taken back leaves no trace here.
 */
export function summarizeDocument(doc: Document): DocumentSummary {
  const facts = totalFacts(doc);
  const blind = doc.lines.length === 0;
  const lines: SummaryLine[] = [
    ...doc.lines.map((l) => planSummary(l, facts.byPlanLine.get(l.id) ?? 0)),
    ...[...facts.extra.entries()].filter(([, g]) => g.qty !== 0).map(([k, g]) => extraSummary(k, g, blind)),
    ...[...facts.unknown.entries()].filter(([, q]) => q !== 0).map(([b, q]) => unknownSummary(b, q)),
  ];
  const planLines = lines.filter((l) => l.planLineId !== null);
  const extras = lines.filter((l) => l.state === 'extra');
  const unknown = sumQty(lines.filter((l) => l.state === 'unknown').map((l) => l.fact));
  const totals = {
    plan: sumQty(planLines.map((l) => l.plan)),
    fact: sumQty(lines.map((l) => l.fact)),
    shortage: sumQty(planLines.map((l) => Math.max(0, l.plan - l.fact))),
    excess: sumQty([...planLines.map((l) => Math.max(0, l.fact - l.plan)), ...extras.map((l) => l.fact)]),
    unknown,
    lines: lines.length,
    doneLines: lines.filter((l) => l.state === 'done').length,
  };
  return { lines, totals, complete: lines.every((l) => l.state === 'done') };
}

function planSummary(line: PlanLine, fact: number): SummaryLine {
  const state = fact === line.qty ? 'done' : fact < line.qty ? 'under' : 'over';
  const summary: SummaryLine = {
    key: `plan:${line.id}`,
    planLineId: line.id,
    productId: line.productId,
    plan: line.qty,
    fact,
    state,
  };
  if (line.cellId !== undefined) summary.cellId = line.cellId;
  return summary;
}

function extraSummary(key: string, group: ExtraGroup, blind: boolean): SummaryLine {
  const summary: SummaryLine = {
    key: `extra:${key}`,
    planLineId: null,
    productId: group.productId,
    plan: 0,
    fact: group.qty,
    state: blind ? 'done' : 'extra',
  };
  if (group.cellId !== undefined) summary.cellId = group.cellId;
  return summary;
}

function unknownSummary(barcode: string, fact: number): SummaryLine {
  const summary: SummaryLine = {
    key: `unknown:${barcode}`,
    planLineId: null,
    productId: null,
    plan: 0,
    fact,
    state: 'unknown',
  };
  if (barcode !== '') summary.barcode = barcode;
  return summary;
}
