// The filling engine: turns one scan into one fact line, or refuses it, by the document type's rules
// (over plan, not in plan, unknown barcodes, cells, marking codes). Pure: the caller stores the fact.
import {
  type Document,
  type DocumentType,
  ERRORS,
  type ErrorCode,
  type FactLine,
  type Packing,
  type PlanLine,
  type Product,
} from '@shelfsync/protocol';
import { extraKey, type FactTotals, markingCodeCount, totalFacts } from './fact-totals.js';
import { isDocumentOpen } from './is-document-open.js';
import { type BindingRequest, choosePlanLine } from './plan-binding.js';
import { addQty } from './quantity.js';
import { scanQuantity } from './scan-quantity.js';

/** What the catalog lookup found for a barcode: the product, and the packing when it was a box code. */
export interface ResolvedScan {
  product: Product;
  packing?: Packing;
}

export interface ScanInput {
  /** Id for the new fact line (a UUID made by the caller), so a re-sent fact stays one fact. */
  factId: string;
  /** ISO time of the scan. */
  at: string;
  /** Raw scanned text. */
  barcode: string;
  /** Null when no product carries this barcode. */
  resolved: ResolvedScan | null;
  /** Units, or packings when resolved.packing is set; default 1; negative corrects earlier facts. */
  qty?: number;
  /** The current cell, when one was scanned. */
  cellId?: string;
  deviceId?: string;
  operatorId?: string;
  serial?: string;
  lot?: string;
  expiry?: string;
  markingCode?: string;
}

/** An accepted scan the operator should notice (a different sound); details as in the refusal. */
export interface ScanWarning {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type ScanOutcome =
  | { ok: true; fact: FactLine; warnings: ScanWarning[] }
  | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> };

export type ScanRefusal = Extract<ScanOutcome, { ok: false }>;

/** Scan fields copied onto the fact line as they are. */
const PASSTHROUGH = ['cellId', 'deviceId', 'operatorId', 'serial', 'lot', 'expiry', 'markingCode'] as const;

/**
 * Pure: does not modify doc. The caller appends outcome.fact to doc.facts. Facts are never merged:
 * every accepted scan is its own fact line, and summaries aggregate them. The type's quantityMode
 * is a hint for the screen (ask or not); any quantity the operator confirms is taken here.
 */
export function applyScan(doc: Document, type: DocumentType, scan: ScanInput): ScanOutcome {
  if (!isDocumentOpen(doc)) return refuse('DOC_CLOSED', { status: doc.status });
  if (type.cellRequired && !scan.cellId) return refuse('SCAN_CELL_REQUIRED');
  if (scan.resolved === null && type.unknownBarcode === 'refuse') {
    return refuse('SCAN_UNKNOWN_BARCODE', { barcode: scan.barcode });
  }
  const quantity = scanQuantity(scan.resolved, scan.qty ?? 1);
  if (!quantity.ok) return refuse('SCAN_BAD_QUANTITY', { qty: scan.qty ?? 1, reason: quantity.reason });
  const marking = checkMarking(doc, type, scan);
  if (marking) return marking;
  const totals = totalFacts(doc);
  if (scan.resolved === null) return applyUnknown(totals, scan, quantity.qty);
  return applyKnown(doc, type, totals, scan, scan.resolved, quantity.qty);
}

function applyUnknown(totals: FactTotals, scan: ScanInput, qty: number): ScanOutcome {
  const already = totals.unknown.get(scan.barcode) ?? 0;
  if (addQty(already, qty) < 0) return refuse('SCAN_BELOW_ZERO', { already, adding: qty });
  const fact = buildFact(scan, null, null, qty);
  fact.unknown = true;
  return { ok: true, fact, warnings: [] };
}

function applyKnown(
  doc: Document,
  type: DocumentType,
  totals: FactTotals,
  scan: ScanInput,
  resolved: ResolvedScan,
  qty: number,
): ScanOutcome {
  const { product, packing } = resolved;
  const cellId = scan.cellId === '' ? undefined : scan.cellId;
  const request: BindingRequest = { productId: product.id, qty };
  if (packing) request.packingId = packing.id;
  if (cellId !== undefined) request.cellId = cellId;
  const line = choosePlanLine(doc.lines, totals.byPlanLine, request);
  // A document without a plan (blind receipt, ad-hoc count) takes any known product.
  const outsidePlan = line === null && doc.lines.length > 0;
  if (outsidePlan && type.notInPlan === 'refuse')
    return refuse('SCAN_NOT_IN_PLAN', notInPlanDetails(doc, product));
  const already = line
    ? (totals.byPlanLine.get(line.id) ?? 0)
    : (totals.extra.get(extraKey(product.id, cellId))?.qty ?? 0);
  const limits = checkLimits(type, line, already, qty);
  if (!limits.ok) return limits;
  const warnings = limits.warnings;
  if (outsidePlan && qty > 0) warnings.push(warn('SCAN_NOT_IN_PLAN', notInPlanDetails(doc, product)));
  const fact = buildFact(scan, line, product.id, qty);
  if (packing) {
    fact.packingId = packing.id;
    fact.packQty = scan.qty ?? 1;
  }
  return { ok: true, fact, warnings };
}

/** A correction may take back down to zero and is never over plan; a scan is checked against its line. */
function checkLimits(
  type: DocumentType,
  line: PlanLine | null,
  already: number,
  qty: number,
): ScanRefusal | { ok: true; warnings: ScanWarning[] } {
  const after = addQty(already, qty);
  if (after < 0) return refuse('SCAN_BELOW_ZERO', { already, adding: qty });
  if (line === null || qty < 0 || after <= line.qty || type.overPlan === 'allow') {
    return { ok: true, warnings: [] };
  }
  const details = { planLineId: line.id, planned: line.qty, already, adding: qty };
  if (type.overPlan === 'refuse') return refuse('SCAN_OVER_PLAN', details);
  return { ok: true, warnings: [warn('SCAN_OVER_PLAN', details)] };
}

/** The cells the plan expects this product in, so the operator learns it is planned elsewhere. */
function notInPlanDetails(doc: Document, product: Product): Record<string, unknown> {
  const cells = doc.lines.filter((l) => l.productId === product.id).map((l) => l.cellId);
  const plannedCells = [...new Set(cells.filter((c) => c !== undefined))];
  return plannedCells.length > 0 ? { productId: product.id, plannedCells } : { productId: product.id };
}

/** Marked goods: each unit's code is scanned once per document; a correction names the code it removes. */
function checkMarking(doc: Document, type: DocumentType, scan: ScanInput): ScanRefusal | null {
  const code = scan.markingCode;
  if (code === undefined || code === '') {
    const marked = scan.resolved?.product.marked === true;
    return type.markingRequired && marked ? refuse('SCAN_MARK_REQUIRED') : null;
  }
  if (Math.abs(scan.qty ?? 1) !== 1) {
    return refuse('SCAN_BAD_QUANTITY', { qty: scan.qty, reason: 'one marking code stands for one unit' });
  }
  const held = markingCodeCount(doc.facts, code);
  if ((scan.qty ?? 1) > 0 && held > 0) return refuse('SCAN_DUPLICATE_MARK', { markingCode: code });
  if ((scan.qty ?? 1) < 0 && held <= 0) return refuse('SCAN_BELOW_ZERO', { markingCode: code });
  return null;
}

function buildFact(scan: ScanInput, line: PlanLine | null, productId: string | null, qty: number): FactLine {
  const fact: FactLine = { id: scan.factId, at: scan.at, planLineId: line?.id ?? null, productId, qty };
  if (scan.barcode !== '') fact.barcode = scan.barcode;
  for (const key of PASSTHROUGH) {
    const value = scan[key];
    if (value !== undefined && value !== '') fact[key] = value;
  }
  return fact;
}

function refuse(code: ErrorCode, details?: Record<string, unknown>): ScanRefusal {
  const refusal: ScanRefusal = { ok: false, code, message: ERRORS[code].message };
  if (details) refusal.details = details;
  return refusal;
}

function warn(code: ErrorCode, details: Record<string, unknown>): ScanWarning {
  return { code, message: ERRORS[code].message, details };
}
