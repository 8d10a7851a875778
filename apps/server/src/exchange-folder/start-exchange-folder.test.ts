import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { NOW, openTestFolder, type TestFolder } from '../testing/test-folder.js';
import { type ExchangeFolder, startExchangeFolder } from './start-exchange-folder.js';

let t: TestFolder;
let folder: ExchangeFolder | undefined;
const logs: string[] = [];

beforeEach(async () => {
  t = await openTestFolder();
  logs.length = 0;
});
afterEach(async () => {
  await folder?.stop();
  folder = undefined;
  await t.close();
});

const start = async () => {
  folder = await startExchangeFolder({
    dir: t.dir,
    store: t.store,
    pollMs: 60_000, // the test polls by hand
    settleMs: 0, // a file without a marker is taken at the second poll that sees it unchanged
    now: () => NOW,
    log: (line) => logs.push(line),
  });
  await folder.poll(); // let the start's own poll pass over the empty folder
  return folder;
};
const drop = (name: string, content: string) => writeFile(path.join(t.dir, 'in', name), content);
const row = (id: string) => JSON.stringify({ id, name: `Товар ${id}`, barcodes: [`bc-${id}`] });

test('a products file is imported at the second poll that sees it unchanged, then archived by date', async () => {
  const f = await start();
  await drop('products.ndjson', `${row('p1')}\n${row('p2')}\n`);
  await f.poll();
  expect(await t.store.getCatalogRow('products', 'p1')).toBeUndefined();
  expect(await t.list('in')).toEqual(['products.ndjson']);
  await f.poll();
  expect(await t.store.getCatalogRow('products', 'p1')).toMatchObject({ name: 'Товар p1' });
  expect(await t.list('in')).toEqual([]);
  expect(await t.list('archive')).toEqual(['2026-11-25', '2026-11-25/products.ndjson']);
  expect(logs).toContain(
    'exchange: imported products.ndjson: created 2, updated 0, unchanged 0, deleted 0, documents 0, warnings 0',
  );
});

test('a file still being written is not read while it grows', async () => {
  const f = await start();
  await drop('products.ndjson', `${row('p1')}\n{"id":"p2","na`);
  await f.poll();
  await writeFile(path.join(t.dir, 'in', 'products.ndjson'), `${row('p1')}\n${row('p2')}\n{"id":"p3"`);
  await f.poll(); // changed since the last poll: still not taken
  expect(await t.list('error')).toEqual([]);
  await drop('products.ndjson', `${row('p1')}\n${row('p2')}\n${row('p3')}\n`);
  await f.poll();
  await f.poll();
  expect(await t.store.getCatalogRow('products', 'p3')).toBeDefined();
  expect(await t.list('error')).toEqual([]);
});

test('a .ready marker releases its own file at once; a file without one waits until it is quiet', async () => {
  const f = await start();
  await drop('products.ndjson', `${row('p1')}\n`);
  await drop('cells.ndjson', `${JSON.stringify({ id: 'c1', name: 'A-01' })}\n`);
  await drop('cells.ndjson.ready', '');
  await f.poll();
  expect(await t.store.getCatalogRow('cells', 'c1')).toBeDefined();
  expect(await t.store.getCatalogRow('products', 'p1')).toBeUndefined();
  expect(await t.list('in')).toEqual(['products.ndjson']);
  await f.poll(); // the marker of another file neither blocks nor releases products.ndjson
  expect(await t.store.getCatalogRow('products', 'p1')).toBeDefined();
  expect(await t.list('error')).toEqual([]);
});

test('a broken file goes to error/ with a report naming the line, and stores nothing', async () => {
  const f = await start();
  const before = await t.store.catalogChecksums();
  await drop('products.ndjson', `${row('p1')}\n${row('p2')}\n{"id":"p3",\n${row('p4')}\n`);
  await drop('products.ndjson.ready', '');
  await f.poll();
  expect(await t.list('error')).toEqual(['products.ndjson', 'products.ndjson.error.txt']);
  expect(await t.list('in')).toEqual([]);
  const report = await readFile(path.join(t.dir, 'error', 'products.ndjson.error.txt'), 'utf8');
  expect(report).toContain('File:    products.ndjson');
  expect(report).toContain('Error:   REQ_MALFORMED');
  expect(report).toMatch(/Where:\s+line 3/);
  expect(await t.store.getCatalogRow('products', 'p1')).toBeUndefined();
  expect(await t.store.catalogChecksums()).toEqual(before);
});

test('a file whose name says nothing is refused with IMPORT_UNKNOWN_FILE', async () => {
  const f = await start();
  await drop('stuff.txt', 'hello');
  await drop('stuff.txt.ready', '');
  await f.poll();
  const report = await readFile(path.join(t.dir, 'error', 'stuff.txt.error.txt'), 'utf8');
  expect(report).toContain('IMPORT_UNKNOWN_FILE');
});

test('documents and CSV products are imported; a document naming an unknown product is refused', async () => {
  const f = await start();
  await drop('products.csv', 'id;name;barcodes\np1;Молоко;4607001771432\n');
  await drop('products.csv.ready', '');
  await f.poll();
  const task = { id: 'R-1', type: 'receipt', lines: [{ productId: 'p1', qty: 2 }] };
  await drop('documents-1.json', JSON.stringify([task]));
  await drop(
    'documents-2.ndjson',
    `${JSON.stringify({ ...task, id: 'R-2', lines: [{ productId: 'nope', qty: 1 }] })}\n`,
  );
  await drop('documents-1.json.ready', '');
  await drop('documents-2.ndjson.ready', '');
  await f.poll();
  expect(await t.store.getDocument('R-1')).toMatchObject({ status: 'new', lines: [{ id: '1', qty: 2 }] });
  expect(await t.store.getDocument('R-2')).toBeUndefined();
  const report = await readFile(path.join(t.dir, 'error', 'documents-2.ndjson.error.txt'), 'utf8');
  expect(report).toContain('DOC_UNKNOWN_PRODUCT');
  expect(report).toContain('missing nope');
});

test('a task dropped with its catalog is imported after it, whatever the names', async () => {
  const f = await start();
  await drop(
    'documents.json',
    JSON.stringify([{ id: 'R-1', type: 'receipt', lines: [{ productId: 'p1', qty: 1 }] }]),
  );
  await drop('products.ndjson', `${row('p1')}\n`);
  await f.poll();
  await f.poll();
  expect(await t.list('error')).toEqual([]);
  expect(await t.store.getDocument('R-1')).toMatchObject({ status: 'new' });
});

test('a task waits while a catalog file is still being written', async () => {
  const f = await start();
  await drop(
    'documents.json',
    JSON.stringify([{ id: 'R-1', type: 'receipt', lines: [{ productId: 'p1', qty: 1 }] }]),
  );
  await f.poll();
  await drop('products.ndjson', `${row('p1')}\n`);
  await f.poll(); // documents.json is stable, products.ndjson is not: the task waits
  expect(await t.list('in')).toEqual(['documents.json', 'products.ndjson']);
  await f.poll();
  expect(await t.list('error')).toEqual([]);
  expect(await t.store.getDocument('R-1')).toMatchObject({ status: 'new' });
});

test('a CSV file with a bad value is refused with its line and column', async () => {
  const f = await start();
  await drop('products.csv', 'id;name;price\np1;Молоко;12,50\np2;Хлеб;дорого\n');
  await drop('products.csv.ready', '');
  await f.poll();
  const report = await readFile(path.join(t.dir, 'error', 'products.csv.error.txt'), 'utf8');
  expect(report).toContain('IMPORT_BAD_VALUE');
  expect(report).toMatch(/Where:\s+line 3, column price/);
  expect(await t.store.getCatalogRow('products', 'p1')).toBeUndefined();
});

test('operators from users.ndjson are stored with hashed PINs, never in clear', async () => {
  const f = await start();
  await drop('users.ndjson', `${JSON.stringify({ id: 'U1', name: 'Иванов', pin: '1111' })}\n`);
  await drop('users.ndjson.ready', '');
  await f.poll();
  const user = await t.store.getCatalogRow('users', 'U1');
  expect(user).toMatchObject({ id: 'U1', pinHash: expect.any(String) });
  expect(user).not.toHaveProperty('pin');
});
