import { ShelfsyncError } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import { detectDelimiter } from './csv-tokenizer.js';
import { type CsvRow, parseCsv } from './parse-csv.js';
import { chunked, collect, cp1251, cutAt, utf8 } from './testing/streams.js';

const TRICKY =
  'id;name;note\r\n' +
  '1;"Молоко; 3,2%";"say ""hi"""\r\n' +
  '\r\n' +
  '2;"two\r\nlines";\n' +
  '3;plain "quote" inside;last';
const TRICKY_ROWS = [
  { line: 2, fields: { id: '1', name: 'Молоко; 3,2%', note: 'say "hi"' } },
  { line: 4, fields: { id: '2', name: 'two\r\nlines', note: '' } },
  { line: 6, fields: { id: '3', name: 'plain "quote" inside', note: 'last' } },
];
const plain = (rows: CsvRow[]) => rows.map(({ line, fields }) => ({ line, fields }));

async function rejection(p: Promise<unknown>): Promise<ShelfsyncError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof ShelfsyncError)) throw new Error(`expected a ShelfsyncError, got ${String(e)}`);
  return e;
}

describe('parseCsv', () => {
  test('quoted separators, doubled quotes, newlines; split at every character', async () => {
    for (let k = 0; k <= TRICKY.length; k++) {
      const rows = await collect(parseCsv([TRICKY.slice(0, k), TRICKY.slice(k)]));
      expect(plain(rows), `split at ${k}`).toEqual(TRICKY_ROWS);
    }
  });

  test('UTF-8 bytes split at every byte, with a BOM', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(TRICKY)]);
    for (let k = 0; k <= bytes.length; k += 1) {
      expect(plain(await collect(parseCsv(cutAt(bytes, k))))).toEqual(TRICKY_ROWS);
    }
    expect(plain(await collect(parseCsv(chunked(bytes, 1))))).toEqual(TRICKY_ROWS);
  });

  test('windows-1251 is detected, or taken from the option', async () => {
    const bytes = cp1251(TRICKY);
    expect(plain(await collect(parseCsv(chunked(bytes, 5))))).toEqual(TRICKY_ROWS);
    expect(plain(await collect(parseCsv([bytes], { encoding: 'windows-1251' })))).toEqual(TRICKY_ROWS);
    // Forcing UTF-8 on windows-1251 bytes fails loudly rather than importing mojibake.
    const e = await rejection(collect(parseCsv([bytes], { encoding: 'utf-8' })));
    expect(e.code).toBe('IMPORT_ENCODING');
  });

  test('comma and tab separators are detected from the header; the option overrides', async () => {
    const comma = await collect(parseCsv(['id,name,price\n1,"Хлеб, ржаной","12,50"\n']));
    expect(comma[0]?.fields).toEqual({ id: '1', name: 'Хлеб, ржаной', price: '12,50' });
    const tab = await collect(parseCsv(['id\tname\n7\tx;y,z\n']));
    expect(tab[0]?.fields).toEqual({ id: '7', name: 'x;y,z' });
    const forced = await collect(parseCsv(['a;b,c\n1;2,3\n'], { delimiter: ',' }));
    expect(forced[0]?.fields).toEqual({ 'a;b': '1;2', c: '3' });
    expect(detectDelimiter('"a;b;c",d,e')).toBe(',');
    expect(detectDelimiter('a;b,c')).toBe(';');
  });

  test('an Excel "sep=" hint line sets the separator and keeps line numbers', async () => {
    const rows = await collect(parseCsv(['sep=,\r\nid,name;x\r\n1,"a;b"\r\n']));
    expect(plain(rows)).toEqual([{ line: 3, fields: { id: '1', 'name;x': 'a;b' } }]);
  });

  test('short rows lack trailing names; trailing empty separators are ignored', async () => {
    const rows = await collect(parseCsv(['id;name;unit\n1;A\n2;B;pcs;;\n']));
    expect(rows.map((r) => r.fields)).toEqual([
      { id: '1', name: 'A' },
      { id: '2', name: 'B', unit: 'pcs' },
    ]);
  });

  test('a header-only or empty file has no rows', async () => {
    expect(await collect(parseCsv(['id;name\n']))).toEqual([]);
    expect(await collect(parseCsv([]))).toEqual([]);
  });

  test('an unclosed quote is IMPORT_MALFORMED with the line it opened on', async () => {
    const e = await rejection(collect(parseCsv(['id;name\n1;ok\n2;"never\nclosed\n'])));
    expect(e.code).toBe('IMPORT_MALFORMED');
    expect(e.details).toEqual({ line: 3, column: 2 });
  });

  test('an unclosed quote cannot swallow an unbounded file', async () => {
    const e = await rejection(
      collect(parseCsv(chunked(utf8(`id;name\n1;"${'x'.repeat(5000)}`), 100), { maxFieldChars: 1000 })),
    );
    expect(e.code).toBe('IMPORT_MALFORMED');
    expect(e.details?.['line']).toBe(2);
  });

  test('extra fields and duplicate header names are IMPORT_MALFORMED', async () => {
    const extra = await rejection(collect(parseCsv(['id;name\n1;A;surprise\n'])));
    expect(extra.details).toEqual({ line: 2, column: 3 });
    const dup = await rejection(collect(parseCsv(['id;name;id\n'])));
    expect(dup.details).toEqual({ line: 1, column: 3 });
  });
});
