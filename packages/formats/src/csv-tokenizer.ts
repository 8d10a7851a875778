// RFC 4180-style CSV tokenizer that accepts text in arbitrary chunks: quoted fields may hold the
// separator, doubled quotes and newlines. The separator is detected from the header line if not given.
import { ShelfsyncError } from '@shelfsync/protocol';

export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** The separator that occurs most often outside quotes in the header line; `;` wins ties (1C, Excel ru). */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = { ';': 0, '\t': 0, ',': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const d of [';', '\t', ','] as const) {
    if (counts[d] > bestCount) {
      best = d;
      bestCount = counts[d];
    }
  }
  return best;
}

/** Index just past the first line break outside quotes, or -1 if the text has none yet. */
function firstLineEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) return i;
  }
  return -1;
}

/** Fields in one record: a products file has about 15 columns (docs/security.md, "Input limits"). */
export const MAX_CSV_FIELDS = 1000;
/** Characters in one record, all fields together (one field alone is capped by maxFieldChars). */
export const MAX_CSV_RECORD_CHARS = 16 * 1024 * 1024;

export class CsvTokenizer {
  private delimiter: number | undefined;
  private pending = '';
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  private closing = false;
  private fieldQuoted = false;
  private afterCR = false;
  /** Characters of the fields of the record being read. */
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  private out: CsvRecord[] = [];

  constructor(
    delimiter: CsvDelimiter | undefined,
    private readonly maxFieldChars = 1024 * 1024,
  ) {
    if (delimiter !== undefined) this.delimiter = delimiter.charCodeAt(0);
  }

  get detected(): CsvDelimiter | undefined {
    return this.delimiter === undefined ? undefined : (String.fromCharCode(this.delimiter) as CsvDelimiter);
  }

  /** Feeds a chunk of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    if (this.delimiter === undefined) {
      this.pending += text;
      const end = firstLineEnd(this.pending);
      if (end === -1) {
        this.checkLength(this.pending.length);
        return [];
      }
      const first = this.pending.slice(0, end);
      // Excel's "sep=;" hint line names the separator and is not the header.
      const hint = /^sep=([;,\t])$/i.exec(first)?.[1];
      this.delimiter = (hint ?? detectDelimiter(first)).charCodeAt(0);
      text = hint === undefined ? this.pending : this.pending.slice(end); // the break keeps line numbers
      this.pending = '';
    }
    this.scan(text);
    this.checkLength(this.field.length);
    return this.take();
  }

  /** Ends the input; returns the last record. Throws on an unclosed quote. */
  end(): CsvRecord[] {
    if (this.delimiter === undefined) {
      this.delimiter = detectDelimiter(this.pending).charCodeAt(0);
      this.scan(this.pending);
      this.pending = '';
    }
    if (this.quoted) {
      throw new ShelfsyncError(
        'IMPORT_MALFORMED',
        `A quoted field opened on line ${this.recordLine} is never closed.`,
        {
          line: this.recordLine,
          column: this.fields.length + 1,
        },
      );
    }
    if (this.field !== '' || this.fieldQuoted || this.fields.length > 0) this.endRecord();
    return this.take();
  }

  private take(): CsvRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private scan(text: string): void {
    const delim = this.delimiter!;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.quoted) {
        if (c === QUOTE) {
          this.field += text.slice(start, i);
          this.quoted = false;
          this.closing = true;
          start = i + 1;
        } else if (c === CR || (c === LF && !this.afterCR)) this.line++;
        this.afterCR = c === CR;
        continue;
      }
      if (this.closing) {
        this.closing = false;
        if (c === QUOTE) {
          // A doubled quote inside a quoted field stands for one quote.
          this.quoted = true;
          start = i; // the second quote is kept as text
          continue;
        }
      }
      if (c === delim) {
        this.field += text.slice(start, i);
        this.endField();
        start = i + 1;
      } else if (c === LF || c === CR) {
        if (!(c === LF && this.afterCR)) {
          this.field += text.slice(start, i);
          this.endRecord();
          this.line++;
          this.recordLine = this.line;
        }
        start = i + 1;
      } else if (c === QUOTE && i === start && this.field === '' && !this.fieldQuoted) {
        this.quoted = true;
        this.fieldQuoted = true;
        start = i + 1;
      }
      this.afterCR = c === CR;
    }
    if (start < text.length) this.field += text.slice(start);
  }

  private endField(): void {
    this.recordChars += this.field.length;
    if (this.fields.length >= MAX_CSV_FIELDS || this.recordChars > MAX_CSV_RECORD_CHARS) {
      throw new ShelfsyncError(
        'IMPORT_TOO_LARGE',
        `The record starting on line ${this.recordLine} has more than ${MAX_CSV_FIELDS} fields or ${MAX_CSV_RECORD_CHARS} characters.`,
        { line: this.recordLine, column: this.fields.length + 1 },
      );
    }
    this.fields.push(this.field);
    this.field = '';
    this.fieldQuoted = false;
  }

  private endRecord(): void {
    const blank = this.fields.length === 0 && this.field === '' && !this.fieldQuoted;
    this.endField();
    if (!blank) this.out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.recordChars = 0;
  }

  private checkLength(length: number): void {
    if (length > this.maxFieldChars) {
      throw new ShelfsyncError(
        'IMPORT_MALFORMED',
        `A field starting on line ${this.recordLine} is longer than ${this.maxFieldChars} characters (an unclosed quote?).`,
        { line: this.recordLine, column: this.fields.length + 1 },
      );
    }
  }
}
