// What every storage layout under comparison offers the page driver: write pull pages, get ready,
// look a barcode up. Kept tiny so each layout is measured doing the same work.
import type { BenchProduct } from './generate-products.js';

export interface BenchLayout {
  open(): Promise<void>;
  /** Stores rows [from, to) as one pull page, in one transaction with the page cursor. */
  writePage(from: number, to: number): Promise<void>;
  /** Whatever must happen after the last page before scanning is fast (index merge, checkpoint). */
  finish(): Promise<void>;
  lookup(code: string): Promise<BenchProduct | undefined>;
  close(): void;
}

export const LAYOUT_NAMES = [
  'naive-idb',
  'chunked-idb',
  'idb-store',
  'sqlite-opfs',
  'sqlite-opfs-deferred',
] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];
