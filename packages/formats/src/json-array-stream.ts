// Streaming reader for a body that is one top-level JSON array: it finds each element's bytes
// without parsing the rest and hands that element alone to JSON.parse, so memory stays at one element.
import {
  type ByteSource,
  byteChunks,
  DEFAULT_MAX_ITEM_BYTES,
  ElementBuffer,
  malformed,
  parseElement,
  type StreamLimits,
  TotalCounter,
} from './stream-limits.js';

// Scanner states. The scan works on bytes: every JSON delimiter is ASCII and UTF-8 never uses ASCII
// bytes inside a multi-byte sequence, so chunk boundaries need no decoding care.
const START = 0;
const BOM1 = 1;
const BOM2 = 2;
const FIRST = 3; // after '[': a value or ']'
const NEXT = 4; // after ',': a value
const AFTER = 5; // after a value: ',' or ']'
const NESTED = 6; // inside an object, array or string element
const SCALAR = 7; // inside a number or literal
const DONE = 8;

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

class ArrayScanner {
  state = START;
  index = 0;
  line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = 0;
  private seen = false;
  private startLine = 1;
  private readonly buffer: ElementBuffer;
  /** The element completed by the last scan, if any. */
  completed: Uint8Array | undefined;
  completedLine = 1;

  constructor(maxItemBytes: number) {
    this.buffer = new ElementBuffer(maxItemBytes);
  }

  /** Scans chunk from `pos` until an element completes or the chunk ends; returns the next position. */
  scan(chunk: Uint8Array, pos: number): number {
    for (let i = pos; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x0a) this.line++;
      if (this.state === NESTED) {
        if (this.nested(b)) return this.complete(chunk, i + 1, i + 1);
      } else if (this.state === SCALAR) {
        if (isSpace(b) || b === 0x2c || b === 0x5d) {
          const next = this.complete(chunk, i, i);
          if (b === 0x0a) this.line--; // the delimiter is scanned again in AFTER
          return next;
        }
      } else {
        this.between(b, i);
      }
    }
    return chunk.length;
  }

  /** Keeps the unfinished element's bytes when a chunk ends inside it. */
  endChunk(chunk: Uint8Array): void {
    if (this.state === NESTED || this.state === SCALAR) {
      this.buffer.hold(chunk, this.start, this.index);
    }
    this.start = 0;
  }

  /** Called when the input ends: anything but a closed array is an error. */
  finish(): void {
    if (this.state === SCALAR) {
      // A number at the very end may be complete, but the array is still unclosed.
      this.state = AFTER;
    }
    if (this.state === DONE) return;
    if (this.state === START) throw malformed('The input is empty: expected a JSON array.', this.where());
    throw malformed('The input ends before the JSON array is closed (truncated).', this.where());
  }

  private nested(b: number): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (b === 0x5c) this.escaped = true;
      else if (b === 0x22) {
        this.inString = false;
        return this.depth === 0;
      }
      return false;
    }
    if (b === 0x22) this.inString = true;
    else if (b === 0x7b || b === 0x5b) this.depth++;
    else if (b === 0x7d || b === 0x5d) return --this.depth === 0;
    return false;
  }

  private between(b: number, i: number): void {
    const s = this.state;
    const first = !this.seen;
    this.seen = true;
    if (s === START && b === 0xef && first) {
      this.state = BOM1;
      return;
    }
    if (s === BOM1 || s === BOM2) {
      if (b !== (s === BOM1 ? 0xbb : 0xbf))
        throw malformed('The input starts with a broken BOM.', this.where());
      this.state = s === BOM1 ? BOM2 : START;
      return;
    }
    if (isSpace(b)) return;
    if (s === START) {
      if (b !== 0x5b) throw malformed('The top level of the body must be a JSON array.', this.where());
      this.state = FIRST;
    } else if (s === AFTER) {
      if (b === 0x2c) this.state = NEXT;
      else if (b === 0x5d) this.state = DONE;
      else throw malformed(`Expected "," or "]" after element ${this.index - 1}.`, this.where());
    } else if (s === DONE) {
      throw malformed('Unexpected data after the end of the JSON array.', this.where());
    } else if (b === 0x5d && s === FIRST) {
      this.state = DONE;
    } else if (b === 0x5d || b === 0x2c) {
      throw malformed(`Element ${this.index} is missing (stray "${String.fromCharCode(b)}").`, this.where());
    } else {
      this.begin(b, i);
    }
  }

  private begin(b: number, i: number): void {
    this.start = i;
    this.startLine = this.line;
    this.depth = b === 0x7b || b === 0x5b ? 1 : 0;
    this.inString = b === 0x22;
    this.escaped = false;
    this.state = this.depth > 0 || this.inString ? NESTED : SCALAR;
  }

  private complete(chunk: Uint8Array, end: number, next: number): number {
    this.completed = this.buffer.finish(chunk, this.start, end, this.index);
    this.completedLine = this.startLine;
    this.state = AFTER;
    return next;
  }

  private where(): { index: number; line: number } {
    return { index: this.index, line: this.line };
  }
}

/**
 * Reads a top-level JSON array incrementally and yields each element parsed with JSON.parse.
 * Errors: REQ_MALFORMED (bad JSON, not an array, trailing data, truncated) and REQ_TOO_LARGE, both
 * with details { index: 0-based element, line: 1-based line where it starts }.
 */
export async function* parseJsonArrayStream(
  source: ByteSource,
  opts: StreamLimits = {},
): AsyncGenerator<unknown> {
  const scanner = new ArrayScanner(opts.maxItemBytes ?? DEFAULT_MAX_ITEM_BYTES);
  const total = new TotalCounter(opts.maxTotalBytes ?? Number.POSITIVE_INFINITY);
  for await (const chunk of byteChunks(source)) {
    total.add(chunk.length, scanner.index);
    let pos = 0;
    while (pos < chunk.length) {
      pos = scanner.scan(chunk, pos);
      const element = scanner.completed;
      if (element === undefined) continue;
      scanner.completed = undefined;
      const index = scanner.index++;
      yield parseElement(element, { index, line: scanner.completedLine });
    }
    scanner.endChunk(chunk);
  }
  scanner.finish();
}
