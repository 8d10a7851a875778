// Issue 13 part 3 with whole processes: a virtual terminal scans marked shoes (Честный знак codes)
// into cells; the REST listing (JSON), the exchange folder's CSV and its CommerceML export each carry
// every marking code and cell, read back with the repo's own CSV and CommerceML readers.
import { readdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CsvRow, parseCsv, readCommerceMl } from '@shelfsync/formats';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  accounting,
  cli,
  enrollWithPrintedCode,
  freePort,
  type RunningServer,
  removeDir,
  startServer,
  tempDir,
  waitFor,
} from '../src/testing/harness.js';

const API_KEY = 'e2e-export-details-key-0123456789';
const GTIN = '04607809591331';
const KEY = 'EE06';
const CODE44 = 'MDEwNDYwNzgwOTU5MTMzMTIxNVh4NXRSQjJBLDFTYQ==';
const SERIALS = ['5Xx5tRB2A,1Sa', '7Yy7uSC3B;2Tb'];
/** A DataMatrix as a keyboard-wedge scanner types it (`<GS>` for the separator). */
const dataMatrix = (serial: string) => `01${GTIN}21${serial}<GS>91${KEY}<GS>92${CODE44}`;
const markingCode = (serial: string) => `01${GTIN}21${serial}`;

let root = '';
let dataDir = '';
let exchange = '';
let stateDir = '';
let port = 0;
let server: RunningServer | undefined;

beforeAll(async () => {
  root = tempDir('export-details');
  dataDir = path.join(root, 'data');
  exchange = path.join(root, 'folder');
  stateDir = path.join(root, 'term');
  port = await freePort();
  await mkdir(exchange);
});
afterAll(async () => {
  await server?.stop();
  removeDir(root);
});

const start = (format?: 'csv' | 'commerceml') =>
  startServer({
    dataDir,
    port,
    apiKey: API_KEY,
    extraArgs: format ? ['--exchange', exchange, '--exchange-format', format, '--exchange-poll', '200'] : [],
  });
const api = () => accounting(server?.url ?? '', API_KEY);
const term = (...args: string[]) => cli(['terminal', ...args, '--state', stateDir]);

/** Two pairs in cell A-01 and nothing else: one receipt line of 2, worked on the terminal. */
async function scanShoes(docId: string): Promise<void> {
  await term('scan', '--doc', docId, '--barcode', dataMatrix(SERIALS[0]!), '--cell', 'CELL-A-01');
  // The second cell named as `docs` prints it (its id), not by its barcode.
  await term('scan', '--doc', docId, '--barcode', dataMatrix(SERIALS[1]!), '--cell', '@A-02');
  await term('complete', '--doc', docId);
}

async function outFile(ext: string): Promise<string> {
  const dir = path.join(exchange, 'out');
  const find = () => {
    try {
      return readdirSync(dir).find((n) => n.endsWith(ext) && !n.startsWith('.'));
    } catch {
      return undefined;
    }
  };
  await waitFor(() => find() !== undefined, 30_000);
  return path.join(dir, find()!);
}

test('marking codes and cells scanned on a terminal reach the JSON listing, CSV and CommerceML', async () => {
  server = await start();
  const put = async (p: string, body: unknown) => expect((await api().call('PUT', p, body)).status).toBe(200);
  await put('/api/v1/catalog/products', [
    { id: 'SHOES-1', name: 'Кроссовки', barcodes: ['4607809591331'], marked: true },
  ]);
  await put('/api/v1/catalog/cells', [
    { id: 'A-01', name: 'Ячейка A-01', barcodes: ['CELL-A-01'] },
    { id: 'A-02', name: 'Ячейка A-02', barcodes: ['CELL-A-02'] },
  ]);
  const docs = ['R-1', 'R-2'].map((id) => ({
    id,
    type: 'receipt',
    number: id,
    lines: [{ id: 'L1', productId: 'SHOES-1', qty: 2 }],
  }));
  expect((await api().call('POST', '/api/v1/documents', docs)).status).toBe(200);
  await enrollWithPrintedCode(server, stateDir);
  await term('sync');

  // JSON: the REST listing of completed documents.
  await scanShoes('R-1');
  await term('sync');
  const listed = await api().call('GET', '/api/v1/documents?after=0');
  const [r1] = listed.body['items'] as { id: string; facts: { markingCode?: string; cellId?: string }[] }[];
  expect(r1?.id).toBe('R-1');
  expect(r1?.facts.map((f) => [f.markingCode, f.cellId])).toEqual([
    [markingCode(SERIALS[0]!), 'A-01'],
    [markingCode(SERIALS[1]!), 'A-02'],
  ]);
  // R-2 is done offline, to be sent to the CommerceML connector later.
  await scanShoes('R-2');
  await server.stop();

  // CSV: the connector exports R-1, the only completed document.
  server = await start('csv');
  const csvFile = await outFile('-R-1.csv');
  const rows: CsvRow[] = [];
  for await (const row of parseCsv([await readFile(csvFile)])) rows.push(row);
  expect(
    rows.map((r) => [
      r.fields['product_id'],
      r.fields['plan'],
      r.fields['fact'],
      r.fields['cell_id'],
      r.fields['marking_code'],
    ]),
  ).toEqual([
    ['SHOES-1', '2', '1', 'A-01', markingCode(SERIALS[0]!)],
    ['SHOES-1', '0', '1', 'A-02', markingCode(SERIALS[1]!)],
  ]);
  await server.stop();

  // CommerceML: R-2 arrives with the terminal's next sync and is exported for 1C.
  server = await start('commerceml');
  await term('sync');
  const xmlFile = await outFile('-R-2.xml');
  const events = [];
  for await (const ev of readCommerceMl([await readFile(xmlFile)])) events.push(ev);
  const doc = events.find((e) => e.type === 'document');
  if (doc?.type !== 'document') throw new Error('no Документ in the CommerceML export');
  expect(doc.document.id).toBe('R-2');
  expect(
    doc.document.lines.map((l) => [l.productId, l.qty, l.fields?.['Ячейка'], l.fields?.['КодМаркировки']]),
  ).toEqual([
    ['SHOES-1', 1, 'A-01', markingCode(SERIALS[0]!)],
    ['SHOES-1', 1, 'A-02', markingCode(SERIALS[1]!)],
  ]);
}, 180_000);
