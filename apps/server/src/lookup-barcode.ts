// Answers an online lookup from the base's barcode index. The scanned text is tried as it is and,
// when it is a GS1 or marking code, by the keys the barcode package derives from it (the GTIN), the
// same keys a terminal probes its own replica with.
import { lookupKeys, parseScan } from '@shelfsync/barcode';
import type { LookupResponse } from '@shelfsync/protocol';
import type { LookupStore } from '@shelfsync/store';

export async function lookupBarcode(store: LookupStore, raw: string): Promise<LookupResponse> {
  const text = raw.trim();
  const parsed = parseScan(text);
  const keys = [...new Set([text, ...(parsed.ok ? lookupKeys(parsed.value) : [])])];
  for (const key of keys) {
    const match = await store.findByBarcode(key);
    if (match.product) {
      const packing = match.packingId
        ? match.product.packings.find((p) => p.id === match.packingId)
        : undefined;
      return packing ? { product: match.product, packing } : { product: match.product };
    }
    if (match.cell && key === text) return { cell: match.cell };
  }
  return {};
}
