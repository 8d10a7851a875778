// Shared plumbing for the streaming readers: size limits, byte chunks from mixed sources, and the
// buffer that keeps one element's bytes while it spans chunk boundaries.
import { ShelfsyncError } from '@shelfsync/protocol';

export interface StreamLimits {
  /** Largest single element (array element or NDJSON line) in bytes; default 16 MiB. */
  maxItemBytes?: number;
  /** Largest whole input in bytes; default unlimited. */
  maxTotalBytes?: number;
}

export const DEFAULT_MAX_ITEM_BYTES = 16 * 1024 * 1024;

/**
 * Nesting depth of one JSON value (arrays and objects). Catalog rows and documents nest about 4
 * deep; code that walks a value (validation, canonical JSON) recurses, so a value nested thousands
 * deep is refused before it is parsed (docs/security.md, "Input limits").
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of JSON text, or Infinity as soon as it passes `max`. One pass over the text,
 * strings skipped; it does not validate (JSON.parse does that next).
 */
export function jsonDepth(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return Number.POSITIVE_INFINITY;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

const encoder = new TextEncoder();

/**
 * Yields the source as bytes. Strings are UTF-8 encoded; a lone high surrogate at the end of a
 * string chunk is held back so a pair split across chunks is not turned into U+FFFD.
 */
export async function* byteChunks(source: ByteSource): AsyncGenerator<Uint8Array> {
  let carry = '';
  for await (const chunk of source) {
    if (typeof chunk !== 'string') {
      if (carry) {
        yield encoder.encode(carry);
        carry = '';
      }
      yield chunk;
      continue;
    }
    let text = carry + chunk;
    carry = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (text) yield encoder.encode(text);
  }
  if (carry) yield encoder.encode(carry);
}

/** Counts input bytes against maxTotalBytes. */
export class TotalCounter {
  private total = 0;
  constructor(private readonly max: number) {}

  add(bytes: number, index: number): void {
    this.total += bytes;
    if (this.total > this.max) {
      throw new ShelfsyncError('REQ_TOO_LARGE', `The input is larger than ${this.max} bytes.`, {
        index,
        maxTotalBytes: this.max,
      });
    }
  }
}

/** Holds the bytes of the element being read while it spans chunks, up to maxItemBytes. */
export class ElementBuffer {
  private parts: Uint8Array[] = [];
  private size = 0;
  constructor(private readonly max: number) {}

  get empty(): boolean {
    return this.parts.length === 0;
  }

  /** Keeps chunk[from..] (copied: producers may reuse their buffers). */
  hold(chunk: Uint8Array, from: number, index: number): void {
    if (from >= chunk.length) return;
    const part = chunk.slice(from);
    this.check(this.size + part.length, index);
    this.size += part.length;
    this.parts.push(part);
  }

  /** Returns the whole element ending with chunk[from..to) and empties the buffer. */
  finish(chunk: Uint8Array, from: number, to: number, index: number): Uint8Array {
    const tail = chunk.subarray(from, to);
    this.check(this.size + tail.length, index);
    if (this.parts.length === 0) return tail;
    const whole = new Uint8Array(this.size + tail.length);
    let at = 0;
    for (const part of this.parts) {
      whole.set(part, at);
      at += part.length;
    }
    whole.set(tail, at);
    this.parts = [];
    this.size = 0;
    return whole;
  }

  private check(size: number, index: number): void {
    if (size > this.max) {
      throw new ShelfsyncError('REQ_TOO_LARGE', `Element ${index} is larger than ${this.max} bytes.`, {
        index,
        maxItemBytes: this.max,
      });
    }
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes one element's bytes and parses them; failures become REQ_MALFORMED with the position. */
export function parseElement(bytes: Uint8Array, where: { index: number; line?: number }): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw malformed(`${describe(where)} is not valid UTF-8.`, where);
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw malformed(`${describe(where)} is nested more than ${MAX_JSON_DEPTH} levels deep.`, where);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw malformed(`${describe(where)} is not valid JSON: ${(e as Error).message}`, where);
  }
}

export function malformed(message: string, where: { index: number; line?: number }): ShelfsyncError {
  return new ShelfsyncError('REQ_MALFORMED', message, { ...where });
}

function describe(where: { index: number; line?: number }): string {
  return where.line === undefined ? `Element ${where.index}` : `Element ${where.index} (line ${where.line})`;
}
