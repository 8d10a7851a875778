// Answers of online lookups (hybrid lookup, DESIGN.md §6), kept on the terminal apart from the
// replicated catalog: they never enter its rows, barcode index or checksums, so a cached product
// cannot make the terminal disagree with the base about the catalog version it holds.
import type { Cell, Product } from '@shelfsync/protocol';

/** One cached answer, stored under the scanned code that produced it. */
export interface LookupCacheEntry {
  product?: Product;
  /** The packing whose barcode the code is. */
  packingId?: string;
  cell?: Cell;
  /** When the base answered. */
  at: string;
}

/** Entries kept at most; the oldest go first. A terminal holding its warehouse's products needs few. */
export const LOOKUP_CACHE_LIMIT = 10_000;
