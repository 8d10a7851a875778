import type { LookupResponse } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import type { DeviceTransport } from './device-transport.js';
import { MemoryTerminalStore } from './memory-terminal-store.js';
import { type OnlineLookup, resolveHybrid } from './online-lookup.js';
import { ManualTimers } from './test-manual-timers.js';
import { bread, milk } from './test-terminal.js';

const AT = '2026-11-25T10:00:00.000Z';

/** A base that answers lookups from a fixed table, counting the questions. */
function base(answers: Record<string, LookupResponse>, behaviour: 'answer' | 'offline' | 'hang' = 'answer') {
  const asked: string[] = [];
  const transport = {
    lookup: async ({ barcode }: { barcode: string }) => {
      asked.push(barcode);
      if (behaviour === 'offline') throw new Error('no route to host');
      if (behaviour === 'hang') return new Promise<LookupResponse>(() => {});
      return answers[barcode] ?? {};
    },
  } as unknown as DeviceTransport;
  const timers = new ManualTimers();
  const online: OnlineLookup = { transport: async () => transport, timers, now: () => AT, timeoutMs: 1500 };
  return { asked, online, timers };
}

async function storeWithBread(): Promise<MemoryTerminalStore> {
  const store = new MemoryTerminalStore();
  await store.applyPullPage({
    changes: [{ op: 'put', table: 'products', id: 'bread', seq: 1, row: bread }],
    catalogCursor: 1,
    documents: [],
    revoked: [],
    docCursor: 0,
  });
  return store;
}

test('hybrid: the replica answers first; a miss asks the base once, then the cache answers', async () => {
  const store = await storeWithBread();
  const { asked, online } = base({ '14600000000012': { product: milk, packing: milk.packings[0]! } });
  const sums = await store.catalogChecksums();
  expect(await resolveHybrid(store, '4600000000022', undefined, online)).toMatchObject({ product: bread });
  expect(asked).toEqual([]);
  const first = await resolveHybrid(store, '14600000000012', undefined, online);
  expect(first).toMatchObject({ kind: 'product', product: milk, packing: { id: 'milk-box' } });
  const again = await resolveHybrid(store, '14600000000012', undefined, online);
  expect(again).toEqual(first);
  expect(asked).toEqual(['14600000000012']);
  expect(await store.cachedLookup('14600000000012')).toEqual({
    product: milk,
    packingId: 'milk-box',
    at: AT,
  });
  // The replica is untouched: same checksums, no row, no index entry.
  expect(await store.catalogChecksums()).toEqual(sums);
  expect(await store.getRow('products', 'milk')).toBeUndefined();
  expect(await store.lookupBarcode('14600000000012')).toEqual([]);
});

test('a barcode the base does not know, or an unreachable base, is a miss and nothing is cached', async () => {
  const store = await storeWithBread();
  expect(await resolveHybrid(store, 'X-1', undefined, base({}).online)).toBeNull();
  expect(await resolveHybrid(store, '4600000000015', undefined, base({}, 'offline').online)).toBeNull();
  expect(await store.cachedLookup('X-1')).toBeUndefined();
  expect(await store.cachedLookup('4600000000015')).toBeUndefined();
});

test('a base that does not answer within the timeout counts as offline', async () => {
  const store = await storeWithBread();
  const { online, timers } = base({}, 'hang');
  const pending = resolveHybrid(store, '4600000000015', undefined, online);
  await new Promise((r) => setTimeout(r, 0));
  expect(timers.waiting).toEqual([1500]);
  timers.advance(1500);
  expect(await pending).toBeNull();
});

test('placement device never asks; placement server asks first and falls back to the replica', async () => {
  const store = await storeWithBread();
  const renamed = { ...bread, name: 'Bread (server)' };
  const { asked, online } = base({
    '4600000000022': { product: renamed },
    '4600000000015': { product: milk },
  });
  await store.setMeta('lookup', { products: { placement: 'device' } });
  expect(await resolveHybrid(store, '4600000000015', undefined, online)).toBeNull();
  expect(asked).toEqual([]);
  await store.setMeta('lookup', { products: { placement: 'server' } });
  expect(await resolveHybrid(store, '4600000000022', undefined, online)).toMatchObject({ product: renamed });
  const offline = base({}, 'offline').online;
  expect(await resolveHybrid(store, '4600000000022', undefined, offline)).toMatchObject({ product: bread });
});
