// Streaming reader for NDJSON: one JSON value per line, blank lines skipped, CRLF accepted.
// JSON text cannot hold a raw newline, so splitting on 0x0A bytes is exact.
import {
  type ByteSource,
  byteChunks,
  DEFAULT_MAX_ITEM_BYTES,
  ElementBuffer,
  parseElement,
  type StreamLimits,
  TotalCounter,
} from './stream-limits.js';

/** True when the line has only JSON whitespace (or a UTF-8 BOM on the first line). */
function isBlank(bytes: Uint8Array, firstLine: boolean): boolean {
  let i = firstLine && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return true;
}

function stripBom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/**
 * Reads NDJSON incrementally and yields each line's value. Errors: REQ_MALFORMED and REQ_TOO_LARGE
 * with details { index: 0-based value number (blank lines not counted), line: 1-based line }.
 */
export async function* parseNdjsonStream(
  source: ByteSource,
  opts: StreamLimits = {},
): AsyncGenerator<unknown> {
  const buffer = new ElementBuffer(opts.maxItemBytes ?? DEFAULT_MAX_ITEM_BYTES);
  const total = new TotalCounter(opts.maxTotalBytes ?? Number.POSITIVE_INFINITY);
  let index = 0;
  let line = 1;
  const take = (bytes: Uint8Array): unknown[] => {
    const first = line === 1;
    const where = { index, line };
    line++;
    if (isBlank(bytes, first)) return [];
    index++;
    return [parseElement(first ? stripBom(bytes) : bytes, where)];
  };
  for await (const chunk of byteChunks(source)) {
    total.add(chunk.length, index);
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, from)) {
      const bytes = buffer.finish(chunk, from, nl, index);
      from = nl + 1;
      yield* take(bytes);
    }
    buffer.hold(chunk, from, index);
  }
  if (!buffer.empty) yield* take(buffer.finish(new Uint8Array(0), 0, 0, index));
}
