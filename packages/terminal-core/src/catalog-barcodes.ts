// Which barcodes a catalog row puts into the terminal's barcode index. Shared by every store adapter
// so that all of them index products, packings and cells the same way.
import type { CatalogTable } from '@shelfsync/protocol';

/** One index entry: a product (and packing) for product tables, a cell id for cells. */
export interface BarcodeEntry {
  code: string;
  id: string;
  packingId?: string;
}

interface BarcodeCarrier {
  barcodes?: unknown;
  packings?: unknown;
}

function codes(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string' && c !== '') : [];
}

/** Index entries for `row` of `table`; rows of tables without barcodes give none. */
export function rowBarcodes(table: CatalogTable, id: string, row: BarcodeCarrier): BarcodeEntry[] {
  if (table === 'cells') return codes(row.barcodes).map((code) => ({ code, id }));
  if (table !== 'products') return [];
  const entries: BarcodeEntry[] = codes(row.barcodes).map((code) => ({ code, id }));
  const packings = Array.isArray(row.packings)
    ? (row.packings as { id?: unknown; barcodes?: unknown }[])
    : [];
  for (const packing of packings) {
    if (typeof packing.id !== 'string') continue;
    for (const code of codes(packing.barcodes)) entries.push({ code, id, packingId: packing.id });
  }
  return entries;
}
