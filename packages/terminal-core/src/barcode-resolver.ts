// Turns scanned text into what the catalog knows about it: the barcode package parses it (GS1, marking
// codes, weight and price barcodes, packing templates) and says which keys to probe the local index
// with; the first key that names a product wins, else the text may be a cell's barcode.
import { lookupKeys, type ParsedScan, parseScan, type ScanRules } from '@shelfsync/barcode';
import type { ScanInput } from '@shelfsync/domain';
import type { Cell, Packing, Product } from '@shelfsync/protocol';
import type { TerminalStore } from './terminal-store.js';

export type LookupResult =
  | { kind: 'product'; product: Product; packing?: Packing; key: string; scan?: ParsedScan }
  | { kind: 'cell'; cell: Cell }
  | null;

/** Parses `raw`; an unparseable scan (say, a wrong check digit) is still looked up as text. */
export function parseBarcode(raw: string, rules?: ScanRules): ParsedScan | undefined {
  const parsed = parseScan(raw, rules);
  return parsed.ok ? parsed.value : undefined;
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
