import { ShelfsyncError } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { TEST_BASE_URL } from './testing/test-device-api.js';
import { receipt, syncedTerminal, testTerminal } from './testing/test-terminal.js';

test('enroll, sync and look up: products by unit and box code, cells by their code', async () => {
  const { engine, store } = await syncedTerminal();
  expect(await engine.status()).toMatchObject({
    enrolled: true,
    deviceId: 'dev-1',
    baseId: 'base-1',
    pending: 0,
    configVersion: 'cfg-1',
  });
  expect(await engine.lookup('4600000000015')).toMatchObject({ kind: 'product', product: { id: 'milk' } });
  const box = await engine.lookup(' 14600000000012 ');
  expect(box?.kind === 'product' && box.packing?.id).toBe('milk-box');
  expect(await engine.lookup('CELL-A01')).toMatchObject({ kind: 'cell', cell: { id: 'A-01' } });
  expect(await engine.lookup('0000')).toBeNull();
  expect((await engine.listDocuments()).map((d) => d.id)).toEqual(['r1']);
  expect((await store.getMeta('config'))?.version).toBe('cfg-1');
});

test('barcodes are parsed: a GTIN-14 or marking code finds the EAN-13 in the catalog', async () => {
  const { engine } = await syncedTerminal();
  expect(await engine.lookup('04600000000015')).toMatchObject({
    product: { id: 'milk' },
    key: '4600000000015',
  });
  const gs1 = '0104600000000015' + '21SERIAL42' + '\u001d' + '10LOT7';
  expect(await engine.lookup(gs1)).toMatchObject({ product: { id: 'milk' } });
  const scan = await engine.scan('r1', { barcode: gs1 });
  expect(scan).toMatchObject({ ok: true, fact: { productId: 'milk', serial: 'SERIAL42', lot: 'LOT7' } });
});

test('a scan is checked by the document type and stored with its mutations in order', async () => {
  const { engine, store } = await syncedTerminal();
  const first = await engine.scan('r1', { barcode: '4600000000015' });
  expect(first).toMatchObject({
    ok: true,
    fact: { productId: 'milk', qty: 1, deviceId: 'dev-1', planLineId: 'r1-L1' },
  });
  const box = await engine.scan('r1', { barcode: '14600000000012' });
  expect(box).toMatchObject({ ok: true, fact: { packingId: 'milk-box', qty: 12 } });
  // Receipt refuses over plan: 13 + 12 > 24.
  const over = await engine.scan('r1', { barcode: '14600000000012' });
  expect(over).toMatchObject({ ok: false, code: 'SCAN_OVER_PLAN' });
  // Receipt refuses products outside the plan and keeps unknown barcodes.
  expect(await engine.scan('r1', { barcode: '4600000000022' })).toMatchObject({
    ok: false,
    code: 'SCAN_NOT_IN_PLAN',
  });
  expect(await engine.scan('r1', { barcode: 'NOPE' })).toMatchObject({ ok: true, fact: { unknown: true } });

  const doc = await engine.getDocument('r1');
  expect(doc?.status).toBe('in_progress');
  expect(doc?.facts).toHaveLength(3);
  const outbox = await store.pendingMutations(10);
  expect(outbox.map((m) => [m.n, m.kind])).toEqual([
    [1, 'doc.start'],
    [2, 'fact.add'],
    [3, 'fact.add'],
    [4, 'fact.add'],
  ]);
  expect((await engine.summary('r1')).totals).toMatchObject({ plan: 24, fact: 14 });
});

test('cells: an unknown cell barcode is refused, a known one lands on the fact', async () => {
  const { api, engine } = await syncedTerminal();
  api.putDocument({ ...receipt('inv1'), type: 'inventory', lines: [] });
  await engine.sync();
  expect(await engine.scan('inv1', { barcode: '4600000000015' })).toMatchObject({
    code: 'SCAN_CELL_REQUIRED',
  });
  expect(await engine.scan('inv1', { barcode: '4600000000015', cellBarcode: 'CELL-Z' })).toMatchObject({
    code: 'SCAN_UNKNOWN_CELL',
  });
  expect(await engine.scan('inv1', { barcode: 'CELL-A01', cellBarcode: 'CELL-A01' })).toMatchObject({
    ok: false,
    code: 'SCAN_UNKNOWN_BARCODE',
    details: { cellId: 'A-01' },
  });
  const ok = await engine.scan('inv1', { barcode: '4600000000015', cellBarcode: 'CELL-A01', qty: 3 });
  expect(ok).toMatchObject({ ok: true, fact: { cellId: 'A-01', qty: 3 } });
});

test('complete and release record their mutations; a finished document refuses scans', async () => {
  const { api, engine, store } = await syncedTerminal();
  const done = await engine.complete('r1');
  expect(done.status).toBe('completed');
  expect(await engine.scan('r1', { barcode: '4600000000015' })).toMatchObject({
    ok: false,
    code: 'DOC_CLOSED',
  });
  await expect(engine.complete('r1')).rejects.toMatchObject({ code: 'DOC_CLOSED' });
  api.putDocument(receipt('r2'));
  await engine.sync();
  await engine.release('r2', 'no time');
  expect(api.applied.map((m) => m.kind)).toEqual(['doc.start', 'doc.complete']);
  expect((await store.pendingMutations(10)).map((m) => m.kind)).toEqual(['doc.release']);
  await expect(engine.scan('nope', { barcode: 'x' })).rejects.toMatchObject({ code: 'DOC_NOT_FOUND' });
});

test('a scan whose fact the protocol would refuse is not stored at all', async () => {
  const { engine, store } = await syncedTerminal();
  const attempt = engine.scan('r1', { barcode: 'X'.repeat(501) });
  await expect(attempt).rejects.toMatchObject({ code: 'REQ_VALIDATION' });
  expect(await store.outboxState()).toEqual({ next: 1, pending: 0 });
  expect((await engine.getDocument('r1'))?.facts).toEqual([]);
});

test('sync refuses a server holding another base, and an unenrolled terminal', async () => {
  const { api, engine } = await syncedTerminal();
  api.baseId = 'other-base';
  await expect(engine.sync()).rejects.toMatchObject({ code: 'SYNC_BASE_MISMATCH' });
  const fresh = testTerminal();
  await expect(fresh.engine.sync()).rejects.toMatchObject({ code: 'TERMINAL_NOT_ENROLLED' });
});

test('enrolling again is refused while work is unsent, and a bad code keeps the old enrollment', async () => {
  const { engine } = await syncedTerminal();
  await expect(engine.enroll([TEST_BASE_URL], 'WRONG')).rejects.toMatchObject({
    code: 'ENROLL_CODE_INVALID',
  });
  expect((await engine.status()).enrolled).toBe(true);
  await engine.scan('r1', { barcode: '4600000000015' });
  const again = engine.enroll([TEST_BASE_URL], 'CODE-1');
  await expect(again).rejects.toBeInstanceOf(ShelfsyncError);
  await expect(again).rejects.toMatchObject({ code: 'TERMINAL_UNSENT_CHANGES' });
  await expect(engine.enroll(['base.test'], 'CODE-1')).rejects.toMatchObject({ code: 'CLI_USAGE' });
});

test('two syncs asked at once run one after the other', async () => {
  const { api, engine } = await syncedTerminal();
  await engine.scan('r1', { barcode: '4600000000015' });
  const [a, b] = await Promise.all([engine.sync(), engine.sync()]);
  expect(a.pushed + b.pushed).toBe(2);
  expect(api.applied.map((m) => m.n)).toEqual([1, 2]);
});
