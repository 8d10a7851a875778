import { ERRORS } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { receipt, syncedTerminal } from './testing/test-terminal.js';

// A misread EAN-13: milk is 4600000000015, and no product carries this text either.
const MISREAD = '4600000000011';

test('an unreadable scan the document type refuses comes back with the parser code, not "unknown"', async () => {
  const { api, engine } = await syncedTerminal();
  api.putDocument(receipt('p1', { type: 'picking' }));
  await engine.sync();
  const outcome = await engine.scan('p1', { barcode: MISREAD, cellBarcode: 'CELL-A01' });
  expect(outcome).toEqual({
    ok: false,
    code: 'BARCODE_CHECK_DIGIT',
    message: 'The check digit of EAN-13 4600000000011 is 1, expected 5.',
    details: { barcode: MISREAD },
  });
  // A readable barcode nobody knows is still plainly unknown.
  expect(await engine.scan('p1', { barcode: '4600000000039', cellBarcode: 'CELL-A01' })).toMatchObject({
    ok: false,
    code: 'SCAN_UNKNOWN_BARCODE',
  });
  expect((await engine.getDocument('p1'))?.facts).toEqual([]);
});

test('an unreadable scan kept as an unknown fact carries the parser code as a warning', async () => {
  const { engine } = await syncedTerminal();
  const outcome = await engine.scan('r1', { barcode: MISREAD });
  expect(outcome).toMatchObject({
    ok: true,
    fact: { unknown: true, barcode: MISREAD, qty: 1 },
    warnings: [{ code: 'BARCODE_CHECK_DIGIT', message: expect.stringContaining('expected 5') }],
  });
  // Every code the terminal can show has its operator sentences in the one table.
  expect(ERRORS.BARCODE_CHECK_DIGIT.ru).toMatch(/контрольная цифра/);
  // Taking the line back is no new misread: no warning.
  expect(await engine.scan('r1', { barcode: MISREAD, qty: -1 })).toMatchObject({ ok: true, warnings: [] });
});

test('a GS1 code with an impossible value (month 13) says so', async () => {
  const { engine } = await syncedTerminal();
  const gs1 = await engine.scan('r1', { barcode: ']C1010460000000001517261399' });
  expect(gs1.ok && gs1.warnings.map((w) => w.code)).toEqual(['BARCODE_GS1_VALUE']);
});

test('text the parser cannot read but the catalog knows as it is resolves as usual', async () => {
  const { api, engine } = await syncedTerminal();
  api.putRow('products', { id: 'odd', name: 'Own code', barcodes: [MISREAD], packings: [] });
  await engine.sync();
  expect(await engine.scan('r1', { barcode: MISREAD })).toMatchObject({
    ok: false,
    code: 'SCAN_NOT_IN_PLAN',
  });
});
