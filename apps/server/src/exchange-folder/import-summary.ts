// What importing one file did, for the archive's warnings file and the CLI's one-line summary.

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Documents created or replaced. */
  documents: number;
  /** Readable lines such as `line 12: BARCODE_CHECK_DIGIT: …`; the rows concerned were kept. */
  warnings: string[];
  /** All warnings, also those past the kept list's cap. */
  warningCount: number;
}

/** Warnings kept per file: a million bad barcodes must not fill memory. */
export const MAX_KEPT_WARNINGS = 10_000;

export function addWarning(summary: ImportSummary, text: string): void {
  summary.warningCount++;
  if (summary.warnings.length < MAX_KEPT_WARNINGS) summary.warnings.push(text);
}

export function emptySummary(): ImportSummary {
  return { created: 0, updated: 0, unchanged: 0, deleted: 0, documents: 0, warnings: [], warningCount: 0 };
}

export function addCounts(
  summary: ImportSummary,
  counts: { created: number; updated: number; unchanged: number; deleted: number },
): void {
  summary.created += counts.created;
  summary.updated += counts.updated;
  summary.unchanged += counts.unchanged;
  summary.deleted += counts.deleted;
}

/** `created 10, updated 2, deleted 0, documents 1, warnings 3` */
export function describeSummary(s: ImportSummary): string {
  return `created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}, deleted ${s.deleted}, documents ${s.documents}, warnings ${s.warningCount}`;
}

/** Warnings `shelfsync import` prints per file before "and N more". */
export const PRINTED_WARNINGS = 20;

/** `products.csv:12: BARCODE_CHECK_DIGIT: …` from a warning kept as `line 12: BARCODE_CHECK_DIGIT: …`. */
export function warningWithFile(file: string, text: string): string {
  const at = /^line (\d+): /.exec(text);
  return at ? `${file}:${at[1]}: ${text.slice(at[0].length)}` : `${file}: ${text}`;
}

/** The first `max` warnings with their file and line, then `and N more warnings` when there are more. */
export function warningReport(file: string, s: ImportSummary, max = PRINTED_WARNINGS): string[] {
  const lines = s.warnings.slice(0, max).map((w) => warningWithFile(file, w));
  const more = s.warningCount - lines.length;
  if (more > 0) lines.push(`and ${more} more warning${more === 1 ? '' : 's'}`);
  return lines;
}

/** True when the import stored, changed, deleted or confirmed (unchanged) at least one row or document. */
export function importedAnything(s: ImportSummary): boolean {
  return s.created + s.updated + s.unchanged + s.deleted + s.documents > 0;
}
