// Turns scanned text into what the catalog knows about it: the barcode package parses it (GS1, marking
// codes, weight and price barcodes, packing templates) and says which keys to probe the local index
// with; the first key that names a product wins, else the text may be a cell's barcode.
import {
  type BarcodeError,
  lookupKeys,
  type ParsedScan,
  parseScan,
  type ScanRules,
} from '@shelfsync/barcode';
import type { ScanInput, ScanOutcome } from '@shelfsync/domain';
import type { Cell, Packing, Product } from '@shelfsync/protocol';
import type { TerminalStore } from './terminal-store.js';

export type LookupResult =
  | { kind: 'product'; product: Product; packing?: Packing; key: string; scan?: ParsedScan }
  | { kind: 'cell'; cell: Cell }
  | null;

/** What the parser made of a scan: the typed scan, or why it could not read it. */
export type BarcodeReading = { parsed: ParsedScan } | { parsed?: undefined; unreadable: BarcodeError };

/** Parses `raw`; an unreadable scan (say, a wrong check digit) is still looked up as text. */
export function readBarcode(raw: string, rules?: ScanRules): BarcodeReading {
  const result = parseScan(raw, rules);
  return result.ok ? { parsed: result.value } : { unreadable: result.error };
}

/**
 * A scan that matched nothing and that the parser could not read either tells the operator why
 * (a misread check digit, a lost GS separator), not only "unknown barcode": a refusal as unknown
 * becomes a refusal with the parser's code; an unknown fact the document type keeps gets that code as
 * a warning. The message is the parser's exact reason; screens show the code's operator sentence.
 */
export function withUnreadableReason(outcome: ScanOutcome, reading: BarcodeReading): ScanOutcome {
  if (reading.parsed) return outcome;
  const { code, message } = reading.unreadable;
  const reason = /[.!?]$/.test(message) ? message : `${message}.`;
  if (!outcome.ok) {
    if (outcome.code !== 'SCAN_UNKNOWN_BARCODE') return outcome;
    return { ...outcome, code, message: reason };
  }
  if (!outcome.fact.unknown || outcome.fact.qty <= 0) return outcome;
  return { ...outcome, warnings: [{ code, message: reason }, ...outcome.warnings] };
}

export async function resolveBarcode(
  store: TerminalStore,
  raw: string,
  parsed: ParsedScan | undefined,
): Promise<LookupResult> {
  const text = raw.trim();
  const keys = [...new Set([text, ...(parsed ? lookupKeys(parsed) : [])])];
  for (const key of keys) {
    for (const hit of await store.lookupBarcode(key)) {
      const product = await store.getRow('products', hit.productId);
      if (!product) continue;
      const packing = hit.packingId ? product.packings.find((p) => p.id === hit.packingId) : undefined;
      const found = { kind: 'product' as const, product, key, ...(parsed ? { scan: parsed } : {}) };
      return packing ? { ...found, packing } : found;
    }
  }
  const cell =
    (await store.findCellByBarcode(text)) ??
    (parsed ? await store.findCellByBarcode(parsed.text) : undefined);
  return cell ? { kind: 'cell', cell } : null;
}

/** What a parsed barcode says beyond the product: weight or quantity, serial, lot, expiry, mark. */
export function scanFieldsOf(
  parsed: ParsedScan | undefined,
): Partial<Omit<ScanInput, 'resolved' | 'factId'>> {
  if (!parsed) return {};
  const fields: Partial<Omit<ScanInput, 'resolved' | 'factId'>> = {};
  const qty = parsed.weightKg ?? parsed.quantity;
  if (qty !== undefined) fields.qty = qty;
  if (parsed.serial !== undefined) fields.serial = parsed.serial;
  if (parsed.lot !== undefined) fields.lot = parsed.lot;
  if (parsed.expiry !== undefined) fields.expiry = parsed.expiry;
  if (parsed.markingCode !== undefined) fields.markingCode = parsed.markingCode;
  return fields;
}
