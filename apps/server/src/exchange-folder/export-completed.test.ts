import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readCommerceMl } from '@shelfsync/formats';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { NOW, openTestFolder, type TestFolder } from '../testing/test-folder.js';
import { exportCompleted } from './export-completed.js';
import { startExchangeFolder } from './start-exchange-folder.js';

let t: TestFolder;
let out = '';
beforeEach(async () => {
  t = await openTestFolder();
  out = path.join(t.dir, 'out');
  await mkdir(out, { recursive: true });
  await t.store.upsertCatalog(
    'products',
    [{ id: 'p1', name: 'Молоко', barcodes: ['4607001771432'] }],
    'merge',
  );
});
afterEach(async () => t.close());

async function complete(...ids: string[]): Promise<void> {
  const at = NOW.toISOString();
  const docs = ids.map((id) => ({
    id,
    type: 'receipt',
    number: `N-${id}`,
    origin: 'accounting' as const,
    lines: [{ id: '1', productId: 'p1', qty: 2 }],
  }));
  await t.store.putDocuments(docs, at);
  const last = await t.store.lastMutation('dev-A');
  const mutations = ids.flatMap((docId, i) => [
    {
      kind: 'fact.add' as const,
      docId,
      fact: { id: `f-${docId}`, planLineId: '1', productId: 'p1', qty: 2, at },
      n: last + 2 * i + 1,
      at,
    },
    { kind: 'doc.complete' as const, docId, n: last + 2 * i + 2, at },
  ]);
  const res = await t.store.applyMutations('dev-A', mutations, at);
  expect(res.results.every((r) => r.status === 'applied')).toBe(true);
}

const run = (format: 'json' | 'csv' | 'commerceml' = 'json') =>
  exportCompleted({ outDir: out, store: t.store, format, now: () => NOW });

test('each completed document becomes one file named by completion order, then is acknowledged', async () => {
  await complete('d2', 'd1');
  expect(await run()).toEqual(['000000000001-d2.json', '000000000002-d1.json']);
  expect(await t.list('out')).toEqual(['000000000001-d2.json', '000000000002-d1.json']);
  const written = JSON.parse(await readFile(path.join(out, '000000000002-d1.json'), 'utf8'));
  expect(written).toMatchObject({ id: 'd1', status: 'completed', facts: [{ qty: 2 }] });
  expect(await t.store.getDocument('d1')).toMatchObject({ status: 'exported' });
  expect(await run()).toEqual([]);
});

test('a file already written before a crash is acknowledged, not written again', async () => {
  await complete('d1');
  await writeFile(path.join(out, '000000000001-d1.json'), 'written before the crash');
  expect(await run()).toEqual(['000000000001-d1.json']);
  expect(await readFile(path.join(out, '000000000001-d1.json'), 'utf8')).toBe('written before the crash');
  expect(await t.store.getDocument('d1')).toMatchObject({ status: 'exported' });
});

test('a temporary file left by a crash is removed at start and the document written whole', async () => {
  await complete('d1');
  await writeFile(path.join(out, '.000000000001-d1.json.tmp'), '{"id":"d1", "trunc');
  const folder = await startExchangeFolder({ dir: t.dir, store: t.store, pollMs: 60_000, now: () => NOW });
  await folder.stop();
  expect(await t.list('out')).toEqual(['000000000001-d1.json']);
  expect(JSON.parse(await readFile(path.join(out, '000000000001-d1.json'), 'utf8'))).toMatchObject({
    id: 'd1',
  });
});

test('CommerceML and CSV formats', async () => {
  await complete('d1', 'd2');
  const [xmlName] = await run('commerceml');
  expect(xmlName).toBe('000000000001-d1.xml');
  const events = [];
  for await (const ev of readCommerceMl([await readFile(path.join(out, xmlName ?? ''))])) events.push(ev);
  const doc = events.find((e) => e.type === 'document');
  expect(doc).toMatchObject({ document: { id: 'd1', number: 'N-d1', lines: [{ productId: 'p1', qty: 2 }] } });
  expect(await readFile(path.join(out, '000000000002-d2.xml'), 'utf8')).toContain('<Документ>');
  await complete('d3');
  expect(await run('csv')).toEqual(['000000000003-d3.csv']);
  const text = await readFile(path.join(out, '000000000003-d3.csv'), 'utf8');
  expect(text.split('\r\n')).toEqual([
    'document_id;number;date;type;product_id;name;plan;fact;price;line_id;cell_id;marking_code;serial;lot;expiry;operator_id;barcode',
    'd3;N-d3;;receipt;p1;;2;2;;1;;;;;;;',
    '',
  ]);
});
