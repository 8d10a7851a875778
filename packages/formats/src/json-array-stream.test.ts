import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseJsonArrayStream } from './json-array-stream.js';
import { chunked, collect, cutAt, failure, utf8 } from './testing/streams.js';

const HOSTILE = [
  { s: 'a]b[c}{d', q: 'say "hi" \\ \\" ]' },
  '[[nested]]',
  [1, [2, [3, []]], {}],
  'Молоко 3,2% 🥛',
  '\u0000\u001f \t\n',
  -1.5e-7,
  null,
  true,
  { '': { ']': ['"', '\\'] } },
];
const HOSTILE_TEXT = ` [ ${HOSTILE.map((v) => JSON.stringify(v)).join(' ,\n')} ]\n`;

describe('parseJsonArrayStream', () => {
  test('reads hostile elements split at every byte boundary', async () => {
    const bytes = utf8(HOSTILE_TEXT);
    for (let k = 0; k <= bytes.length; k++) {
      expect(await collect(parseJsonArrayStream(cutAt(bytes, k)))).toEqual(HOSTILE);
    }
  });

  test('reads one byte at a time, splitting every multi-byte character', async () => {
    expect(await collect(parseJsonArrayStream(chunked(utf8(HOSTILE_TEXT), 1)))).toEqual(HOSTILE);
  });

  test('reads string chunks, including a surrogate pair split across chunks', async () => {
    const text = '["🥛x", "я"]';
    const chunks = [text.slice(0, 3), text.slice(3)]; // cuts the emoji's surrogate pair
    expect(chunks[0]!.charCodeAt(2)).toBeGreaterThanOrEqual(0xd800);
    expect(await collect(parseJsonArrayStream(chunks))).toEqual(['🥛x', 'я']);
  });

  test('any JSON values, any chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue()),
        fc.integer({ min: 1, max: 17 }),
        fc.boolean(),
        async (values, size, pretty) => {
          const text = pretty ? JSON.stringify(values, null, 2) : JSON.stringify(values);
          const got = await collect(parseJsonArrayStream(chunked(utf8(text), size)));
          expect(got).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('empty arrays and whitespace', async () => {
    expect(await collect(parseJsonArrayStream(['[]']))).toEqual([]);
    expect(await collect(parseJsonArrayStream([' \r\n[ \t\n ] \n']))).toEqual([]);
    expect(await collect(parseJsonArrayStream(['[[]]']))).toEqual([[]]);
  });

  test('skips a BOM at the start, even split across chunks', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('[1,"б"]')]);
    for (let k = 0; k <= 4; k++) {
      expect(await collect(parseJsonArrayStream(cutAt(bytes, k)))).toEqual([1, 'б']);
    }
    expect(await collect(parseJsonArrayStream(['\uFEFF[2]']))).toEqual([2]);
  });

  test('a BOM anywhere else is an error', async () => {
    const { error } = await failure(parseJsonArrayStream([' \uFEFF[2]']));
    expect(error.code).toBe('REQ_MALFORMED');
  });

  test('is lazy: yields elements of an endless array one by one', async () => {
    async function* endless(): AsyncGenerator<string> {
      yield '[';
      for (let i = 0; ; i++) yield `{"n":${i}},`;
    }
    const got: unknown[] = [];
    for await (const v of parseJsonArrayStream(endless())) {
      got.push(v);
      if (got.length === 3) break;
    }
    expect(got).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
  });

  const malformedCases: [string, string, number][] = [
    ['truncated array', '[1,2', 1],
    ['truncated after a complete element', '[1,2 ', 2],
    ['truncated after comma', '[1,', 1],
    ['truncated object', '[{"a":1}, {"b":', 1],
    ['truncated string', '["ab', 0],
    ['only an opening bracket', '[', 0],
    ['empty input', '', 0],
    ['whitespace only', '  \n', 0],
    ['trailing comma', '[1,]', 1],
    ['leading comma', '[,1]', 0],
    ['double comma', '[1,,2]', 1],
    ['missing comma', '[1 2]', 1],
    ['object top level', '{"a":1}', 0],
    ['number top level', '42', 0],
    ['trailing garbage', '[1] x', 1],
    ['second array', '[1][2]', 1],
    ['bad element', '[1, {"a":}, 3]', 1],
    ['bad literal', '[tru]', 0],
    ['mismatched brackets', '[[1}, 2]', 0],
    ['raw newline in string', '["a\nb"]', 0],
  ];
  test.each(malformedCases)('REQ_MALFORMED: %s', async (_name, text, index) => {
    const { error } = await failure(parseJsonArrayStream([text]));
    expect(error.code).toBe('REQ_MALFORMED');
    expect(error.details?.['index']).toBe(index);
  });

  test('reports the element and its line, after yielding the good ones', async () => {
    const { values, error } = await failure(parseJsonArrayStream(['[\n1,\n2,\n{"x": nope}\n]']));
    expect(values).toEqual([1, 2]);
    expect(error.details).toEqual({ index: 2, line: 4 });
    expect(error.message).toMatch(/Element 2 \(line 4\) is not valid JSON/);
  });

  test('invalid UTF-8 is REQ_MALFORMED', async () => {
    const bytes = new Uint8Array([...utf8('["a'), 0xff, ...utf8('"]')]);
    const { error } = await failure(parseJsonArrayStream(cutAt(bytes, 2)));
    expect(error.code).toBe('REQ_MALFORMED');
    expect(error.message).toMatch(/UTF-8/);
  });

  test('REQ_TOO_LARGE past maxItemBytes, within one chunk or across many', async () => {
    const text = `[1, "${'x'.repeat(100)}", 2]`;
    for (const size of [1, 7, text.length]) {
      const { values, error } = await failure(
        parseJsonArrayStream(chunked(utf8(text), size), { maxItemBytes: 50 }),
      );
      expect(values).toEqual([1]);
      expect(error.code).toBe('REQ_TOO_LARGE');
      expect(error.details?.['index']).toBe(1);
    }
    expect(await collect(parseJsonArrayStream([text], { maxItemBytes: 102 }))).toHaveLength(3);
  });

  test('REQ_TOO_LARGE past maxTotalBytes', async () => {
    const text = `[${Array.from({ length: 100 }, (_, i) => i).join(',')}]`;
    const { values, error } = await failure(
      parseJsonArrayStream(chunked(utf8(text), 10), { maxTotalBytes: 60 }),
    );
    expect(error.code).toBe('REQ_TOO_LARGE');
    expect(values.length).toBeGreaterThan(0);
    expect(values.length).toBeLessThan(30);
    expect(await collect(parseJsonArrayStream([text], { maxTotalBytes: text.length }))).toHaveLength(100);
  });
});
