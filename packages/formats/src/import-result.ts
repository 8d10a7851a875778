// The outcome of importing one row: failures are expected values, so a bad row does not stop a file.
import type { ShelfsyncError } from '@shelfsync/protocol';

export type ImportResult<T> =
  | { ok: true; line: number; value: T; warnings?: string[] }
  | { ok: false; line: number; error: ShelfsyncError };
