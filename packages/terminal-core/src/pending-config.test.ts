import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import type { Document } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { MemoryTerminalStore } from './memory-terminal-store.js';
import { applyPendingConfig, openDocumentId, pendingConfig, receiveConfig } from './pending-config.js';

const config = (version: string) => ({ version, documentTypes: [...DEFAULT_DOCUMENT_TYPES] });

async function storeWithDocument(status: Document['status'], factDevice?: string) {
  const store = new MemoryTerminalStore();
  await store.setMeta('enrollment', {
    deviceId: 'dev-1',
    token: 't',
    baseId: 'b',
    urls: ['http://base'],
    enrolledAt: '2026-11-25T10:00:00.000Z',
  });
  const at = '2026-11-25T10:00:00.000Z';
  const facts = factDevice ? [{ id: 'f1', productId: 'p1', qty: 1, at, deviceId: factDevice }] : [];
  const doc = { id: 'R-1', type: 'receipt', status, rev: 1, lines: [], facts, origin: 'accounting' };
  await store.applyPullPage({
    changes: [],
    catalogCursor: 0,
    documents: [doc as unknown as Document],
    revoked: [],
    docCursor: 1,
  });
  return store;
}

test('on the main screen a new configuration applies at once', async () => {
  const store = await storeWithDocument('in_progress', 'dev-other');
  expect(await receiveConfig(store, config('v1'))).toBe(true);
  expect((await store.getMeta('config'))?.version).toBe('v1');
  expect(await pendingConfig(store)).toBeUndefined();
  expect(await receiveConfig(store, config('v1'))).toBe(false);
});

test('while a document has local facts the configuration waits, then applies once it is left', async () => {
  const store = await storeWithDocument('in_progress', 'dev-1');
  await store.setMeta('config', config('v1'));
  expect(await receiveConfig(store, config('v2'))).toBe(true);
  expect((await store.getMeta('config'))?.version).toBe('v1');
  expect((await pendingConfig(store))?.version).toBe('v2');
  await expect(applyPendingConfig(store)).rejects.toMatchObject({ code: 'TERMINAL_DOCUMENT_OPEN' });
  // The same version again is not news.
  expect(await receiveConfig(store, config('v2'))).toBe(false);

  await store.recordLocalChange('R-1', (doc) => ({ result: null, doc: { ...doc, status: 'completed' } }));
  expect(await openDocumentId(store)).toBeUndefined();
  expect((await applyPendingConfig(store))?.version).toBe('v2');
  expect((await store.getMeta('config'))?.version).toBe('v2');
  expect(await pendingConfig(store)).toBeUndefined();
});

test('a document the UI opened explicitly holds the configuration back too', async () => {
  const store = await storeWithDocument('new');
  await store.setMeta('openDocument', 'R-1');
  await receiveConfig(store, config('v3'));
  expect((await pendingConfig(store))?.version).toBe('v3');
  await store.setMeta('openDocument', null);
  // The next hello applies it when the operator is back on the main screen.
  await receiveConfig(store, config('v3'));
  expect((await store.getMeta('config'))?.version).toBe('v3');
  expect(await pendingConfig(store)).toBeUndefined();
});

test('once the UI says it is on the main screen, a document left half-scanned holds nothing back', async () => {
  const store = await storeWithDocument('in_progress', 'dev-1');
  await store.setMeta('config', config('v1'));
  await receiveConfig(store, config('v2'));
  expect((await pendingConfig(store))?.version).toBe('v2');
  await store.setMeta('openDocument', null);
  expect((await applyPendingConfig(store))?.version).toBe('v2');
  expect((await store.getMeta('config'))?.version).toBe('v2');
});
