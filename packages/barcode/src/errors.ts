// Why a scan could not be read. The codes and their operator sentences (English and Russian) live in
// the one error table, @shelfsync/protocol errors.ts; this package only picks the code.
import type { ErrorCode } from '@shelfsync/protocol';

export type BarcodeErrorCode = Extract<ErrorCode, `BARCODE_${string}`>;

export interface BarcodeError {
  readonly code: BarcodeErrorCode;
  /** Names the exact problem, e.g. which AI and which character; shown under the generic sentence. */
  readonly message: string;
}
