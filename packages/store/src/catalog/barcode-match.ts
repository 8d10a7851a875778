// Finding a catalog row by barcode through the catalog_barcodes index (kept by triggers, see the
// hybrid migration step), for online lookups and for resolving facts recorded as unknown offline.
import type { Cell, Product } from '@shelfsync/protocol';
import type { BarcodeMatch } from '../server-store.js';

/** Products before cells; a product's own barcode before a packing's; then by id, for a stable answer. */
export const FIND_BY_BARCODE_SQL = `
  SELECT b.tbl AS tbl, b.packing_id AS packing_id, r.json AS json
  FROM catalog_barcodes b JOIN catalog_rows r ON r.tbl = b.tbl AND r.id = b.id
  WHERE b.code = ?
  ORDER BY CASE b.tbl WHEN 'products' THEN 0 ELSE 1 END, b.packing_id, b.id
  LIMIT 1`;

export interface BarcodeMatchRow {
  tbl: string;
  packing_id: string;
  json: string | null;
}

export function barcodeMatchOf(row: BarcodeMatchRow | undefined): BarcodeMatch {
  if (!row?.json) return {};
  if (row.tbl === 'cells') return { cell: JSON.parse(row.json) as Cell };
  const product = JSON.parse(row.json) as Product;
  return row.packing_id === '' ? { product } : { product, packingId: row.packing_id };
}
