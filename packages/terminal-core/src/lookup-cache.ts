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

/**
 * How long a cached answer is used online without asking the base again: 12 hours, about one shift.
 * A rename, a new packing factor or a barcode moved at the base reaches every terminal that cached
 * the code by the next shift at the latest, while a code scanned all shift long costs one short
 * request per shift rather than one per scan. Offline, entries are used whatever their age.
 */
export const LOOKUP_CACHE_FRESH_MS = 12 * 60 * 60 * 1000;

/** Whether an entry may answer online without asking the base; `now` as an ISO time. */
export function isFreshLookup(entry: LookupCacheEntry, now: string): boolean {
  const age = Date.parse(now) - Date.parse(entry.at);
  // A clock set back gives a negative age: asking once beats trusting the entry until it catches up.
  return age >= 0 && age < LOOKUP_CACHE_FRESH_MS;
}
