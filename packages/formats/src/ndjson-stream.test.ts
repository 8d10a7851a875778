import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseNdjsonStream } from './ndjson-stream.js';
import { chunked, collect, cutAt, failure, utf8 } from './testing/streams.js';

const TEXT = '{"a":"x]\\"y"}\r\n\n  \n[1,[2]]\n"Молоко 🥛"\r\n  42  \nnull';
const VALUES = [{ a: 'x]"y' }, [1, [2]], 'Молоко 🥛', 42, null];

describe('parseNdjsonStream', () => {
  test('reads values split at every byte boundary; CRLF and blank lines', async () => {
    const bytes = utf8(TEXT);
    for (let k = 0; k <= bytes.length; k++) {
      expect(await collect(parseNdjsonStream(cutAt(bytes, k)))).toEqual(VALUES);
    }
    expect(await collect(parseNdjsonStream(chunked(bytes, 1)))).toEqual(VALUES);
  });

  test('any JSON values, any chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue()), fc.integer({ min: 1, max: 13 }), async (values, size) => {
        const text = values.map((v) => JSON.stringify(v)).join('\n') + '\n';
        expect(await collect(parseNdjsonStream(chunked(utf8(text), size)))).toEqual(
          JSON.parse(`[${values.map((v) => JSON.stringify(v)).join(',')}]`),
        );
      }),
      { numRuns: 200 },
    );
  });

  test('empty input and BOM', async () => {
    expect(await collect(parseNdjsonStream([]))).toEqual([]);
    expect(await collect(parseNdjsonStream(['\n\r\n']))).toEqual([]);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('1\n2\n')]);
    for (let k = 0; k <= 4; k++) expect(await collect(parseNdjsonStream(cutAt(bytes, k)))).toEqual([1, 2]);
    expect(await collect(parseNdjsonStream(['\uFEFF\n3']))).toEqual([3]);
  });

  test('a bad line reports its value index and 1-based line', async () => {
    const { values, error } = await failure(parseNdjsonStream(['1\n\n{"a":1} x\n3\n']));
    expect(values).toEqual([1]);
    expect(error.code).toBe('REQ_MALFORMED');
    expect(error.details).toEqual({ index: 1, line: 3 });
  });

  test('a truncated last line is REQ_MALFORMED', async () => {
    const { values, error } = await failure(parseNdjsonStream(['{"a":1}\n{"b":']));
    expect(values).toEqual([{ a: 1 }]);
    expect(error.details).toEqual({ index: 1, line: 2 });
  });

  test('REQ_TOO_LARGE past maxItemBytes and maxTotalBytes', async () => {
    const text = `1\n"${'x'.repeat(100)}"\n2\n`;
    for (const size of [1, 9, text.length]) {
      const { values, error } = await failure(
        parseNdjsonStream(chunked(utf8(text), size), { maxItemBytes: 50 }),
      );
      expect(values).toEqual([1]);
      expect(error.code).toBe('REQ_TOO_LARGE');
      expect(error.details?.['index']).toBe(1);
    }
    const { error } = await failure(parseNdjsonStream(chunked(utf8(text), 4), { maxTotalBytes: 20 }));
    expect(error.code).toBe('REQ_TOO_LARGE');
    expect(await collect(parseNdjsonStream([text], { maxTotalBytes: text.length }))).toHaveLength(3);
  });
});
