// The readable `<file>.error.txt` written beside a file moved to error/: which file, where in it
// and why, so an operator can fix the export without reading logs.
import { ShelfsyncError } from '@shelfsync/protocol';

const WHERE_KEYS = ['line', 'column', 'index', 'element', 'id', 'field', 'table', 'missing'] as const;

function where(details: Record<string, unknown> | undefined): string {
  if (details === undefined) return '(whole file)';
  const parts = WHERE_KEYS.filter((k) => details[k] !== undefined).map((k) => {
    const v = details[k];
    return `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`;
  });
  return parts.length > 0 ? parts.join(', ') : '(whole file)';
}

export function errorReport(file: string, error: unknown, at: Date): string {
  const lines = [`File:    ${file}`, `Time:    ${at.toISOString()}`];
  if (error instanceof ShelfsyncError) {
    lines.push(`Error:   ${error.code}`, `Where:   ${where(error.details)}`, `Reason:  ${error.message}`);
    if (error.details !== undefined) lines.push(`Details: ${JSON.stringify(error.details)}`);
  } else {
    lines.push('Error:   INTERNAL', `Reason:  ${error instanceof Error ? error.message : String(error)}`);
  }
  const unopened =
    error instanceof ShelfsyncError &&
    (error.code === 'IMPORT_NOT_A_FILE' || error.code === 'IMPORT_STRAY_MARKER');
  lines.push(
    '',
    unopened
      ? 'The entry was moved here without being opened or read.'
      : 'The file was not imported (its transaction was rolled back). Fix it and drop it into in/ again.',
  );
  return `${lines.join('\n')}\n`;
}
