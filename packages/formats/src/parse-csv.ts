// Streaming CSV reader with a header row: yields each data row keyed by header name, with its line.
import { ShelfsyncError } from '@shelfsync/protocol';
import { type CsvDelimiter, type CsvRecord, CsvTokenizer } from './csv-tokenizer.js';
import type { ByteSource } from './stream-limits.js';
import { decodeTextStream, type TextEncodingOption } from './text-decoding.js';

export interface CsvOptions {
  /** Field separator; detected from the header line when omitted. */
  delimiter?: CsvDelimiter;
  /** Byte encoding; 'auto' (default) picks UTF-8 (BOM or valid) or windows-1251. */
  encoding?: TextEncodingOption;
  /** Longest field accepted, in characters; guards against an unclosed quote swallowing the file. */
  maxFieldChars?: number;
}

export interface CsvRow {
  /** 1-based line where the row starts in the file. */
  line: number;
  /** Values by header name (as written, trimmed); a short row simply lacks the trailing names. */
  fields: Record<string, string>;
  /** The header names in file order (shared by every row); empty names are unnamed columns. */
  header: readonly string[];
}

function readHeader(record: CsvRecord): string[] {
  const header = record.fields.map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') return;
    if (seen.has(name)) {
      throw new ShelfsyncError('IMPORT_MALFORMED', `The header names the column "${name}" twice.`, {
        line: record.line,
        column: i + 1,
      });
    }
    seen.add(name);
  });
  return header;
}

function toRow(record: CsvRecord, header: readonly string[]): CsvRow {
  const fields: Record<string, string> = {};
  record.fields.forEach((value, i) => {
    const name = header[i];
    if (name === undefined) {
      if (value.trim() === '') return; // trailing separators are common
      throw new ShelfsyncError(
        'IMPORT_MALFORMED',
        `Line ${record.line} has more fields (${record.fields.length}) than the header (${header.length}).`,
        { line: record.line, column: i + 1 },
      );
    }
    if (name !== '') fields[name] = value;
  });
  return { line: record.line, fields, header };
}

/** Reads CSV rows one by one; IMPORT_MALFORMED (with line, column) on a broken structure. */
export async function* parseCsv(source: ByteSource, opts: CsvOptions = {}): AsyncGenerator<CsvRow> {
  const tokenizer = new CsvTokenizer(opts.delimiter, opts.maxFieldChars);
  let header: string[] | undefined;
  function* rows(records: CsvRecord[]): Generator<CsvRow> {
    for (const record of records) {
      if (header === undefined) header = readHeader(record);
      else yield toRow(record, header);
    }
  }
  for await (const text of decodeTextStream(source, opts.encoding)) {
    yield* rows(tokenizer.push(text));
  }
  yield* rows(tokenizer.end());
}
