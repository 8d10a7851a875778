import type { LookupResponse } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import type { DeviceTransport } from './device-transport.js';
import { isFreshLookup, LOOKUP_CACHE_FRESH_MS } from './lookup-cache.js';
import { MemoryTerminalStore } from './memory-terminal-store.js';
import { type OnlineLookup, resolveHybrid } from './online-lookup.js';
import { ManualTimers } from './testing/manual-timers.js';
import { bread, milk } from './testing/test-terminal.js';

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

const BOX = '14600000000012';
const HOUR = 60 * 60 * 1000;

/** A base whose answers, reachability and clock a test changes as it goes, counting the questions. */
function changingBase(answers: Record<string, LookupResponse>) {
  const state = {
    answers,
    behaviour: 'answer' as 'answer' | 'offline' | 'hang',
    enrolled: true,
    clock: Date.parse(AT),
    asked: [] as string[],
  };
  const transport: Pick<DeviceTransport, 'lookup'> = {
    lookup: async ({ barcode }) => {
      state.asked.push(barcode);
      if (state.behaviour === 'offline') throw new Error('no route to host');
      if (state.behaviour === 'hang') return new Promise<LookupResponse>(() => {});
      return state.answers[barcode] ?? {};
    },
  };
  const timers = new ManualTimers();
  const online: OnlineLookup = {
    transport: async () => (state.enrolled ? (transport as DeviceTransport) : undefined),
    timers,
    now: () => new Date(state.clock).toISOString(),
    timeoutMs: 1500,
  };
  return { state, online, timers };
}

/** Milk as the base knows it after a change: renamed, and its box now holds 6. */
const milkChanged = {
  ...milk,
  name: 'Milk 1 l (new recipe)',
  packings: [{ id: 'milk-box', name: 'Box of 6', factor: 6, barcodes: [BOX] }],
};

/** The box of milk cached at AT by a first scan, with one question asked. */
async function cachedMilkBox() {
  const store = await storeWithBread();
  const base = changingBase({ [BOX]: { product: milk, packing: milk.packings[0]! } });
  expect(await resolveHybrid(store, BOX, undefined, base.online)).toMatchObject({ product: milk });
  expect(base.state.asked).toEqual([BOX]);
  return { store, ...base };
}

test('an entry is fresh from its answer until LOOKUP_CACHE_FRESH_MS later, and never from the future', () => {
  const entry = { product: milk, at: AT };
  const after = (ms: number) => new Date(Date.parse(AT) + ms).toISOString();
  expect(LOOKUP_CACHE_FRESH_MS).toBe(12 * HOUR);
  expect(isFreshLookup(entry, AT)).toBe(true);
  expect(isFreshLookup(entry, after(LOOKUP_CACHE_FRESH_MS - 1))).toBe(true);
  expect(isFreshLookup(entry, after(LOOKUP_CACHE_FRESH_MS))).toBe(false);
  expect(isFreshLookup(entry, after(-1))).toBe(false);
  expect(isFreshLookup({ product: milk, at: 'not a time' }, AT)).toBe(false);
});

test('a fresh entry answers without asking the base, even when the base has changed since', async () => {
  const { store, state, online } = await cachedMilkBox();
  state.answers[BOX] = { product: milkChanged, packing: milkChanged.packings[0]! };
  state.clock += LOOKUP_CACHE_FRESH_MS - 1;
  expect(await resolveHybrid(store, BOX, undefined, online)).toMatchObject({
    product: { name: 'Milk 1 l' },
    packing: { factor: 12 },
  });
  expect(state.asked).toEqual([BOX]);
});

test('online, a stale entry is asked again and replaced by the new answer, which is then fresh', async () => {
  const { store, state, online } = await cachedMilkBox();
  state.answers[BOX] = { product: milkChanged, packing: milkChanged.packings[0]! };
  state.clock += LOOKUP_CACHE_FRESH_MS;
  const refreshedAt = online.now();
  expect(await resolveHybrid(store, BOX, undefined, online)).toMatchObject({
    product: { name: 'Milk 1 l (new recipe)' },
    packing: { factor: 6 },
  });
  expect(state.asked).toEqual([BOX, BOX]);
  expect(await store.cachedLookup(BOX)).toEqual({
    product: milkChanged,
    packingId: 'milk-box',
    at: refreshedAt,
  });
  state.clock += HOUR;
  expect(await resolveHybrid(store, BOX, undefined, online)).toMatchObject({ packing: { factor: 6 } });
  expect(state.asked).toHaveLength(2);
});

test('a barcode moved to another product at the base is answered with that product once stale', async () => {
  const { store, state, online } = await cachedMilkBox();
  const cream = { id: 'cream', name: 'Cream', barcodes: [BOX], packings: [] };
  state.answers[BOX] = { product: cream };
  state.clock += LOOKUP_CACHE_FRESH_MS + HOUR;
  const found = await resolveHybrid(store, BOX, undefined, online);
  expect(found).toMatchObject({ kind: 'product', product: { id: 'cream' } });
  expect(found).not.toHaveProperty('packing');
  expect(await store.cachedLookup(BOX)).toEqual({ product: cream, at: online.now() });
});

test('a stale entry the base no longer knows is dropped and the scan is a miss', async () => {
  const { store, state, online } = await cachedMilkBox();
  state.answers = {};
  state.clock += LOOKUP_CACHE_FRESH_MS;
  expect(await resolveHybrid(store, BOX, undefined, online)).toBeNull();
  expect(state.asked).toEqual([BOX, BOX]);
  expect(await store.cachedLookup(BOX)).toBeUndefined();
  // Gone for good: offline afterwards, the scan stays unknown.
  state.behaviour = 'offline';
  expect(await resolveHybrid(store, BOX, undefined, online)).toBeNull();
});

test('a stale entry still answers when the base fails, times out or is not enrolled, and is kept', async () => {
  const { store, state, online, timers } = await cachedMilkBox();
  state.answers[BOX] = { product: milkChanged, packing: milkChanged.packings[0]! };
  state.clock += 3 * LOOKUP_CACHE_FRESH_MS;
  const stale = { product: { name: 'Milk 1 l' }, packing: { factor: 12 } };

  state.behaviour = 'offline';
  expect(await resolveHybrid(store, BOX, undefined, online)).toMatchObject(stale);
  expect(state.asked).toHaveLength(2);

  state.behaviour = 'hang';
  const pending = resolveHybrid(store, BOX, undefined, online);
  await new Promise((r) => setTimeout(r, 0));
  expect(timers.waiting).toEqual([1500]);
  timers.advance(1500);
  expect(await pending).toMatchObject(stale);
  expect(state.asked).toHaveLength(3);

  state.enrolled = false;
  expect(await resolveHybrid(store, BOX, undefined, online)).toMatchObject(stale);
  expect(state.asked).toHaveLength(3);
  expect(await store.cachedLookup(BOX)).toEqual({ product: milk, packingId: 'milk-box', at: AT });
});

test('placement server: the base is asked whatever the age; its "unknown" drops the entry, offline it answers', async () => {
  const { store, state, online } = await cachedMilkBox();
  await store.setMeta('lookup', { products: { placement: 'server' } });
  state.clock += 3 * LOOKUP_CACHE_FRESH_MS;
  state.behaviour = 'offline';
  expect(await resolveHybrid(store, BOX, undefined, online)).toMatchObject({ product: { name: 'Milk 1 l' } });
  state.behaviour = 'answer';
  state.answers = {};
  expect(await resolveHybrid(store, BOX, undefined, online)).toBeNull();
  expect(state.asked).toEqual([BOX, BOX, BOX]);
  expect(await store.cachedLookup(BOX)).toBeUndefined();
});

test('placement device answers from the replica only, never from a cached entry', async () => {
  const { store, state, online } = await cachedMilkBox();
  await store.setMeta('lookup', { products: { placement: 'device' } });
  state.clock += 3 * LOOKUP_CACHE_FRESH_MS;
  expect(await resolveHybrid(store, BOX, undefined, online)).toBeNull();
  expect(state.asked).toHaveLength(1);
  expect(await store.cachedLookup(BOX)).toBeDefined();
});
