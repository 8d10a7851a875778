import { expect, test } from 'vitest';
import { syncedTerminal, testTerminal } from './testing/test-terminal.js';

test('a creatable type becomes a local document in progress with its doc.create, offline', async () => {
  const t = await syncedTerminal();
  t.api.failNext.set('/hello', 99);
  const doc = await t.engine.createDocument({ type: 'inventory', number: 'INV-7', warehouseId: 'W1' });
  expect(doc).toMatchObject({
    type: 'inventory',
    number: 'INV-7',
    warehouseId: 'W1',
    status: 'in_progress',
    origin: 'terminal',
    lines: [],
    facts: [],
    deviceId: 'dev-1',
  });
  expect(await t.engine.getDocument(doc.id)).toEqual(doc);
  const [create] = await t.store.pendingMutations(10);
  expect(create).toMatchObject({
    n: 1,
    kind: 'doc.create',
    doc: { id: doc.id, type: 'inventory', number: 'INV-7', warehouseId: 'W1', lines: [] },
  });

  // Blind count: every scan adds a line, no doc.start since it is in progress already.
  const scanned = await t.engine.scan(doc.id, { barcode: '4600000000015', cellBarcode: 'CELL-A01' });
  expect(scanned.ok).toBe(true);
  await t.engine.complete(doc.id);
  expect((await t.store.pendingMutations(10)).map((m) => m.kind)).toEqual([
    'doc.create',
    'fact.add',
    'doc.complete',
  ]);
});

test('without a number the first characters of the id name it', async () => {
  const t = testTerminal();
  const doc = await t.engine.createDocument({ type: 'move' });
  expect(doc.number).toBe(doc.id.slice(0, 8));
  expect(doc).not.toHaveProperty('warehouseId');
});

test('a type not creatable on the terminal, or unknown, is refused and nothing is stored', async () => {
  const t = testTerminal();
  await expect(t.engine.createDocument({ type: 'receipt' })).rejects.toMatchObject({
    code: 'DOC_NOT_CREATABLE',
  });
  await expect(t.engine.createDocument({ type: 'nope' })).rejects.toMatchObject({ code: 'DOC_UNKNOWN_TYPE' });
  expect(await t.engine.listDocuments()).toEqual([]);
  expect(await t.store.outboxState()).toEqual({ next: 1, pending: 0 });
});
