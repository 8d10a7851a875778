// Issue 14: the streaming readers against hostile input. Property: whatever the bytes and however
// they are split into chunks, a reader either yields values or throws a ShelfsyncError whose code
// is in the error table — never another exception, never a hang. Random cases (FUZZ_RUNS, default
// 200 per reader; `npm run fuzz` runs 10,000) plus the saved corpus in testing/corpus/, replayed
// at every run. A failing random case prints its seed: add the input to the corpus.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isErrorCode, ShelfsyncError } from '@shelfsync/protocol';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { csvToProducts } from './csv-products.js';
import { MAX_CSV_FIELDS } from './csv-tokenizer.js';
import { parseJsonArrayStream } from './json-array-stream.js';
import { parseNdjsonStream } from './ndjson-stream.js';
import { parseCsv } from './parse-csv.js';
import { readCommerceMl } from './read-commerce-ml.js';
import { MAX_JSON_DEPTH } from './stream-limits.js';
import { MAX_XML_DEPTH } from './xml-subtree-reader.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
const TIMEOUT = Math.max(60_000, RUNS * 50);
const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'corpus');

type Reader = (chunks: Uint8Array[]) => AsyncIterable<unknown>;

const READERS: Record<string, Reader> = {
  json: (chunks) => parseJsonArrayStream(chunks, { maxItemBytes: 1024 * 1024 }),
  ndjson: (chunks) => parseNdjsonStream(chunks, { maxItemBytes: 1024 * 1024 }),
  csv: (chunks) => csvToProducts(parseCsv(chunks)),
  cml: (chunks) => readCommerceMl(chunks),
};

/** Runs a reader to its end: 'ok' with the count, or the code of the ShelfsyncError it threw. */
async function outcome(read: Reader, chunks: Uint8Array[]): Promise<{ ok: number } | { code: string }> {
  let n = 0;
  try {
    for await (const _ of read(chunks)) n++;
    return { ok: n };
  } catch (e) {
    if (!(e instanceof ShelfsyncError)) throw new Error(`uncoded ${String(e)}`, { cause: e });
    expect(isErrorCode(e.code)).toBe(true);
    expect(e.message.length).toBeGreaterThan(0);
    return { code: e.code };
  }
}

/**
 * Chunking must not change whether a file is read: the same values, or an error. Which error may
 * differ (a broken UTF-8 sequence and a broken tag: the first one met depends on where chunks end).
 */
async function expectSameVerdict(
  chunked: { ok: number } | { code: string },
  whole: { ok: number } | { code: string },
): Promise<void> {
  if ('ok' in whole) expect(chunked).toEqual(whole);
  else expect(chunked).toHaveProperty('code');
}

/** `bytes` cut at the given points (sorted, deduplicated): the same input in other chunks. */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    if (p > from) out.push(bytes.slice(from, p));
    from = Math.max(from, p);
  }
  return out;
}

const enc = new TextEncoder();
const cuts = fc.array(fc.nat(), { maxLength: 8 });

/** Mutations of a valid sample: truncation, insertion, deletion, byte flips, repetition. */
function mutated(sample: string): fc.Arbitrary<Uint8Array> {
  const base = enc.encode(sample);
  const noise = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }).map((s) => enc.encode(s)),
    fc.uint8Array({ maxLength: 20 }),
    fc.constantFrom(
      ...[
        '"',
        '\\',
        '[',
        '{',
        ']',
        '}',
        '\n',
        '\r',
        ';',
        '<',
        '>',
        '&',
        '&amp;',
        ']]>',
        '<!--',
        '\uFEFF',
        '\0',
      ].map((s) => enc.encode(s)),
    ),
  );
  const edit = fc.record({ at: fc.nat(), len: fc.nat({ max: 40 }), insert: noise, kind: fc.nat({ max: 4 }) });
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let bytes = base;
    for (const e of edits) {
      const at = e.at % (bytes.length + 1);
      const head = bytes.subarray(0, at);
      const tail = bytes.subarray(at);
      if (e.kind === 0)
        bytes = head; // truncated
      else if (e.kind === 1) bytes = Buffer.concat([head, e.insert, tail]);
      else if (e.kind === 2) bytes = Buffer.concat([head, tail.subarray(e.len)]);
      else if (e.kind === 3) bytes = Buffer.concat([head, tail.subarray(0, e.len), tail]);
      else if (bytes.length > 0) {
        bytes = Uint8Array.from(bytes);
        const i = at % bytes.length;
        bytes[i] = (bytes[i] ?? 0) ^ (1 + (e.len % 255));
      }
    }
    return bytes;
  });
}

const product = (i: number) => ({
  id: `p${i}`,
  name: `Товар «${i}»`,
  barcodes: ['4600000000015'],
  price: 1.5,
});
const SAMPLES: Record<string, string> = {
  json: JSON.stringify([product(1), product(2), { id: 'd', lines: [{ productId: 'p1', qty: 2 }] }]),
  ndjson: `${JSON.stringify(product(1))}\n${JSON.stringify(product(2))}\n`,
  csv: 'id;name;barcodes;price\np1;"Молоко ""3,2%""";4600000000015|2000000000183;"87,50"\np2;Хлеб;;1\n',
  cml: readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'fixtures', 'catalog-delta.xml'),
    'utf8',
  ),
};

describe.each(Object.keys(READERS))('%s reader', (kind) => {
  const read = READERS[kind]!;

  test(
    'random bytes in random chunks: values or a coded error',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), cuts, async (bytes, points) => {
          await outcome(read, cut(bytes, points));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  test(
    'mutations of a valid file: values or a coded error, the same whatever the chunks',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutated(SAMPLES[kind]!), cuts, async (bytes, points) => {
          const whole = await outcome(read, [bytes]);
          await expectSameVerdict(await outcome(read, cut(bytes, points)), whole);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('the saved corpus of nasty inputs', () => {
  const files = readdirSync(CORPUS).sort();
  const readerOf = (name: string) => READERS[name.slice(0, name.indexOf('-'))];
  test('every corpus file is meant for a reader', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(readerOf(f), f).toBeDefined();
  });
  test.each(files)('%s: values or a coded error, in one chunk and in small ones', async (name) => {
    const bytes = new Uint8Array(readFileSync(path.join(CORPUS, name)));
    const read = readerOf(name)!;
    const whole = await outcome(read, [bytes]);
    const small = cut(
      bytes,
      Array.from({ length: 40 }, (_, i) => i * 997),
    );
    await expectSameVerdict(await outcome(read, small), whole);
  });
});

test('limits: JSON deeper than the limit, a CSV record with too many fields, XML nested too deep', async () => {
  const deep = (n: number) => `[${'['.repeat(n)}${']'.repeat(n)}]`;
  expect(await outcome(READERS['json']!, [enc.encode(deep(MAX_JSON_DEPTH))])).toEqual({ ok: 1 });
  expect(await outcome(READERS['json']!, [enc.encode(deep(MAX_JSON_DEPTH + 1))])).toEqual({
    code: 'REQ_MALFORMED',
  });
  expect(await outcome(READERS['ndjson']!, [enc.encode(`${'['.repeat(5000)}${']'.repeat(5000)}\n`)])).toEqual(
    {
      code: 'REQ_MALFORMED',
    },
  );
  const wide = `id;name\n${Array(MAX_CSV_FIELDS + 1)
    .fill('x')
    .join(';')}\n`;
  expect(await outcome(READERS['csv']!, [enc.encode(wide)])).toEqual({ code: 'IMPORT_TOO_LARGE' });
  const root = (inner: string) =>
    `<КоммерческаяИнформация ВерсияСхемы="2.10">${inner}</КоммерческаяИнформация>`;
  const nested = (n: number) => root(`${'<a>'.repeat(n)}${'</a>'.repeat(n)}`);
  expect(await outcome(READERS['cml']!, [enc.encode(nested(MAX_XML_DEPTH - 2))])).toMatchObject({
    ok: expect.any(Number),
  });
  expect(await outcome(READERS['cml']!, [enc.encode(nested(MAX_XML_DEPTH))])).toEqual({
    code: 'IMPORT_MALFORMED',
  });
});

test('entities declared in a DTD are never expanded: no billion laughs, no external file', async () => {
  for (const name of ['cml-billion-laughs.xml', 'cml-external-entity.xml']) {
    const bytes = new Uint8Array(readFileSync(path.join(CORPUS, name)));
    const events: unknown[] = [];
    let code: string | undefined;
    try {
      for await (const ev of readCommerceMl([bytes])) events.push(ev);
    } catch (e) {
      code = (e as ShelfsyncError).code;
    }
    expect(code).toBe('IMPORT_MALFORMED');
    expect(JSON.stringify(events)).not.toMatch(/lollollol|root:/);
  }
});
