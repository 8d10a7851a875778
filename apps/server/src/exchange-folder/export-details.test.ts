// Issue 13 part 3: what a terminal collected with each scan (marking codes, cells, serials, lots,
// expiry, operator) reaches the accounting system in every export format and the REST listing.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CsvRow, parseCsv, readCommerceMl } from '@shelfsync/formats';
import { type Document, DocumentListResponseSchema, DocumentSchema } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  enrollDevice,
  type Harness,
  KEY,
  product,
  startHarness,
  uploadProducts,
} from '../testing/harness.js';
import { exportCompleted } from './export-completed.js';
import { CSV_HEADER, renderDocument } from './export-format.js';

let h: Harness;
let out = '';
beforeEach(async () => {
  h = await startHarness();
  out = await mkdtemp(path.join(tmpdir(), 'shelfsync-export-details-'));
  await uploadProducts(h, [product('shoes', { marked: true }), product('drill')]);
});
afterEach(async () => {
  await h.close();
  await rm(out, { recursive: true, force: true });
});

const at = '2026-11-25T10:05:00.000Z';
const CODE_A = '010460000000001721AbC"<x>;1';
const CODE_B = '010460000000001721DeF2';
const CODE_C = '010460000000001721GhI3';

/** A receipt of 3 pairs of marked shoes and a drill, done on a terminal with every detail. */
async function completeOnTerminal(): Promise<Document> {
  const put = await h.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: KEY,
    payload: {
      id: 'R-1',
      type: 'receipt',
      number: 'ПР-1',
      date: '2026-11-25',
      lines: [
        { productId: 'shoes', qty: 3, price: 1000 },
        { productId: 'drill', qty: 1 },
      ],
    },
  });
  expect(put.statusCode).toBe(200);
  const { auth } = await enrollDevice(h);
  const fact = (id: string, productId: string, line: string | null, qty: number, extra: object) => ({
    id,
    planLineId: line,
    productId,
    qty,
    at,
    operatorId: 'U7',
    ...extra,
  });
  const facts = [
    fact('f1', 'shoes', '1', 1, { markingCode: CODE_A, cellId: 'A-01' }),
    fact('f2', 'shoes', '1', 1, { markingCode: CODE_B, cellId: 'A-01' }),
    fact('f3', 'shoes', '1', 1, { markingCode: CODE_C, cellId: 'A-02' }),
    fact('f4', 'shoes', '1', -1, { markingCode: CODE_C, cellId: 'A-02' }), // taken back
    fact('f5', 'drill', '2', 1, { serial: 'SN-42', lot: 'L-2026-11', expiry: '2030-01-31', cellId: 'B-07' }),
    fact('f6', 'drill', null, 1, { serial: 'SN-43', cellId: 'B-07', operatorId: 'U8' }),
    {
      id: 'f7',
      planLineId: null,
      productId: null,
      qty: 2,
      at,
      barcode: '2999999999992',
      unknown: true,
      cellId: 'B-07',
    },
  ];
  const mutations = [
    { n: 1, at, kind: 'doc.start', docId: 'R-1' },
    ...facts.map((f, i) => ({ n: i + 2, at, kind: 'fact.add', docId: 'R-1', fact: f })),
    { n: facts.length + 2, at, kind: 'doc.complete', docId: 'R-1' },
  ];
  const push = await h.app.inject({
    method: 'POST',
    url: '/device/v1/push',
    headers: auth,
    payload: { mutations },
  });
  expect(push.json().results.map((r: { status: string }) => r.status)).toEqual(
    mutations.map(() => 'applied'),
  );
  const listed = await h.app.inject({ method: 'GET', url: '/api/v1/documents?after=0', headers: KEY });
  const [doc] = DocumentListResponseSchema.parse(listed.json()).items;
  if (doc === undefined) throw new Error('R-1 is not listed as completed');
  return doc;
}

test('the REST listing and the JSON export carry every fact line with its details', async () => {
  const doc = await completeOnTerminal();
  const details = (d: Document) =>
    d.facts.map((f) => [f.id, f.markingCode, f.cellId, f.serial, f.lot, f.expiry, f.operatorId]);
  const expected = [
    ['f1', CODE_A, 'A-01', undefined, undefined, undefined, 'U7'],
    ['f2', CODE_B, 'A-01', undefined, undefined, undefined, 'U7'],
    ['f3', CODE_C, 'A-02', undefined, undefined, undefined, 'U7'],
    ['f4', CODE_C, 'A-02', undefined, undefined, undefined, 'U7'],
    ['f5', undefined, 'B-07', 'SN-42', 'L-2026-11', '2030-01-31', 'U7'],
    ['f6', undefined, 'B-07', 'SN-43', undefined, undefined, 'U8'],
    ['f7', undefined, 'B-07', undefined, undefined, undefined, undefined],
  ];
  expect(details(doc)).toEqual(expected);
  const [name] = await exportCompleted({
    outDir: out,
    store: h.store,
    format: 'json',
    now: () => new Date(at),
  });
  const written = DocumentSchema.parse(JSON.parse(await readFile(path.join(out, name ?? ''), 'utf8')));
  expect(details(written)).toEqual(expected);
});

test('CSV: the old columns first, then one row per marking code / cell / serial / lot / operator', async () => {
  const doc = await completeOnTerminal();
  const rows: CsvRow[] = [];
  for await (const row of parseCsv([Buffer.from(renderDocument(doc, 'csv', new Date(at)))])) rows.push(row);
  expect(rows[0]?.header).toEqual(CSV_HEADER);
  expect(CSV_HEADER.slice(0, 9)).toEqual([
    'document_id',
    'number',
    'date',
    'type',
    'product_id',
    'name',
    'plan',
    'fact',
    'price',
  ]);
  const pick = (f: Record<string, string>) => [
    f['product_id'],
    f['plan'],
    f['fact'],
    f['line_id'],
    f['cell_id'],
    f['marking_code'],
    f['serial'],
    f['lot'],
    f['expiry'],
    f['operator_id'],
  ];
  expect(rows.map((r) => pick(r.fields))).toEqual([
    ['shoes', '3', '1', '1', 'A-01', CODE_A, '', '', '', 'U7'],
    ['shoes', '0', '1', '1', 'A-01', CODE_B, '', '', '', 'U7'],
    ['drill', '1', '1', '2', 'B-07', '', 'SN-42', 'L-2026-11', '2030-01-31', 'U7'],
    ['drill', '0', '1', '', 'B-07', '', 'SN-43', '', '', 'U8'],
    ['', '0', '2', '', 'B-07', '', '', '', '', ''],
  ]);
  expect(rows.map((r) => r.fields['barcode'])).toEqual(['', '', '', '', '2999999999992']);
  // Summed per product, plan and fact are the totals an old reader expects.
  const total = (id: string, col: string) =>
    rows.filter((r) => r.fields['product_id'] === id).reduce((n, r) => n + Number(r.fields[col]), 0);
  expect([
    total('shoes', 'plan'),
    total('shoes', 'fact'),
    total('drill', 'plan'),
    total('drill', 'fact'),
  ]).toEqual([3, 2, 1, 2]);
});

test('CommerceML: one Товар per marking code, cell, serial and lot, read back by the repo’s reader', async () => {
  await completeOnTerminal();
  const [name] = await exportCompleted({
    outDir: out,
    store: h.store,
    format: 'commerceml',
    now: () => new Date(at),
  });
  const events = [];
  for await (const ev of readCommerceMl([await readFile(path.join(out, name ?? ''))])) events.push(ev);
  const back = events.find((e) => e.type === 'document');
  if (back?.type !== 'document') throw new Error('no Документ in the export');
  const lines = back.document.lines.map((l) => ({ productId: l.productId, qty: l.qty, ...l.fields }));
  expect(lines).toEqual([
    {
      productId: 'shoes',
      qty: 1,
      name: 'shoes',
      КоличествоПлан: '3',
      КоличествоФакт: '1',
      ИдСтроки: '1',
      Ячейка: 'A-01',
      КодМаркировки: CODE_A,
      Оператор: 'U7',
    },
    {
      productId: 'shoes',
      qty: 1,
      name: 'shoes',
      КоличествоПлан: '0',
      КоличествоФакт: '1',
      ИдСтроки: '1',
      Ячейка: 'A-01',
      КодМаркировки: CODE_B,
      Оператор: 'U7',
    },
    {
      productId: 'drill',
      qty: 1,
      name: 'drill',
      КоличествоПлан: '1',
      КоличествоФакт: '1',
      ИдСтроки: '2',
      Ячейка: 'B-07',
      СерийныйНомер: 'SN-42',
      Партия: 'L-2026-11',
      СрокГодности: '2030-01-31',
      Оператор: 'U7',
    },
    {
      productId: 'drill',
      qty: 1,
      name: 'drill',
      КоличествоПлан: '0',
      КоличествоФакт: '1',
      Ячейка: 'B-07',
      СерийныйНомер: 'SN-43',
      Оператор: 'U8',
    },
  ]);
  expect(back.document.lines.map((l) => l.price)).toEqual([1000, 1000, undefined, undefined]);
  expect(back.document.fields?.['НеизвестныйШтрихкод']).toBe('2999999999992: 2');
});
