// Builders for filling-engine tests: a small catalog, documents and scans with sensible defaults.
import type { Document, DocumentType, PlanLine, Product } from '@shelfsync/protocol';
import { DEFAULT_DOCUMENT_TYPES } from '../document-types.js';
import { applyScan, type ScanInput, type ScanOutcome } from '../filling.js';
import { findDocumentType } from '../find-document-type.js';

export const milk: Product = {
  id: 'milk',
  name: 'Milk 1 l',
  barcodes: ['4600000000011'],
  packings: [{ id: 'milk-box', name: 'Box of 12', factor: 12, barcodes: ['14600000000018'] }],
};
export const cheese: Product = {
  id: 'cheese',
  name: 'Cheese',
  unit: 'kg',
  weighted: true,
  barcodes: [],
  packings: [],
};
export const shoes: Product = { id: 'shoes', name: 'Sneakers', marked: true, barcodes: [], packings: [] };
export const bread: Product = {
  id: 'bread',
  name: 'Bread',
  barcodes: [],
  packings: [{ id: 'bread-tray', name: 'Tray of 5', factor: 5, barcodes: [] }],
};

/** A default document type with some settings changed. */
export function docType(id: string, changes: Partial<DocumentType> = {}): DocumentType {
  const base = findDocumentType(DEFAULT_DOCUMENT_TYPES, id);
  if (!base) throw new Error(`no default document type ${id}`);
  return { ...base, ...changes };
}

export function doc(lines: Omit<PlanLine, 'id'>[] = [], changes: Partial<Document> = {}): Document {
  return {
    id: 'doc-1',
    type: 'receipt',
    status: 'in_progress',
    rev: 1,
    origin: 'accounting',
    lines: lines.map((l, i) => ({ id: `L${i + 1}`, ...l })),
    facts: [],
    ...changes,
  };
}

let seq = 0;

/** A scan of `product` (its first packing when `box` is set) with a fresh fact id. */
export function scanOf(
  product: Product | null,
  changes: Partial<ScanInput> & { box?: boolean } = {},
): ScanInput {
  seq += 1;
  const { box, ...rest } = changes;
  const packing = box ? product?.packings[0] : undefined;
  return {
    factId: `f${seq}`,
    at: '2026-11-25T10:00:00.000Z',
    barcode: product ? `bc-${product.id}` : 'unknown-code',
    resolved: product ? (packing ? { product, packing } : { product }) : null,
    ...rest,
  };
}

/** Applies scans in order, appending each accepted fact the way the terminal does. */
export function scanAll(d: Document, type: DocumentType, scans: ScanInput[]): ScanOutcome[] {
  return scans.map((s) => {
    const outcome = applyScan(d, type, s);
    if (outcome.ok) d.facts.push(outcome.fact);
    return outcome;
  });
}
