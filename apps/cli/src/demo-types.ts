// Small helpers shared by the demo base and the end-to-end fixtures.
import { gs1CheckDigit } from '@shelfsync/barcode';
import type { Cell } from '@shelfsync/protocol';

export type CellInput = Omit<Cell, 'barcodes'> & { barcodes?: string[] };

/** Appends the GS1 mod-10 check digit to a 7, 11, 12 or 13 digit body. */
export function gtinWithCheckDigit(body: string): string {
  return body + String(gs1CheckDigit(body));
}
