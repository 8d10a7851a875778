import type { HelloResponse, StockResponse } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import type { DeviceTransport } from './device-transport.js';
import { helloReport, rememberHelloOffers } from './hello-offers.js';
import { LOOKUP_CACHE_FRESH_MS } from './lookup-cache.js';
import { MemoryTerminalStore } from './memory-terminal-store.js';
import { TerminalOnline } from './terminal-online.js';
import { ManualTimers } from './testing/manual-timers.js';

const AT = '2026-11-25T10:00:00.000Z';
const enrollment = { deviceId: 'D', token: 't', baseId: 'B', urls: ['http://base'], enrolledAt: AT };

function online(store: MemoryTerminalStore, transport: Partial<DeviceTransport>, lookupOnline = true) {
  const seen: { urls: readonly string[]; token: string; timeoutMs: number }[] = [];
  const t = new TerminalOnline({
    store,
    timers: new ManualTimers(),
    now: () => AT,
    transportFor: (urls, token, timeoutMs) => {
      seen.push({ urls, token, timeoutMs });
      return transport as DeviceTransport;
    },
    appVersion: '1.0.0',
    lookupOnline,
  });
  return { t, seen };
}

test('an offered app version is pending only while it differs from the running one', async () => {
  const store = new MemoryTerminalStore();
  const { t } = online(store, {});
  expect(await t.pendingAppVersion()).toBeUndefined();
  await store.setMeta('appOffer', { version: '1.1.0', url: '/app/1.1.0/' });
  expect(await t.pendingAppVersion()).toEqual({ version: '1.1.0', url: '/app/1.1.0/' });
  await store.setMeta('appOffer', { version: '1.0.0' });
  expect(await t.pendingAppVersion()).toBeUndefined();
});

test('stock is asked from the enrolled base with the short timeout', async () => {
  const store = new MemoryTerminalStore();
  const answer: StockResponse = { items: [{ productId: 'p1', cellId: 'c1', qty: 3 }] };
  const { t, seen } = online(store, { stock: async () => answer });
  await expect(t.stock('p1')).rejects.toMatchObject({ code: 'TERMINAL_NOT_ENROLLED' });
  await store.resetForEnrollment(enrollment);
  expect(await t.stock('p1')).toEqual(answer.items);
  expect(seen).toEqual([{ urls: ['http://base'], token: 't', timeoutMs: 1500 }]);
  await expect(online(store, {}).t.stock('p1')).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
});

test('with online lookup off, a miss never reaches the base', async () => {
  const store = new MemoryTerminalStore();
  await store.resetForEnrollment(enrollment);
  const { t, seen } = online(
    store,
    { lookup: async () => ({ product: { id: 'p', name: 'P', barcodes: [], packings: [] } }) },
    false,
  );
  expect(await t.resolve('123', undefined)).toBeNull();
  expect(seen).toEqual([]);
});

test('hello offers are remembered and hello reports the config version and storage', async () => {
  const store = new MemoryTerminalStore();
  expect(await helloReport(store)).toEqual({});
  await store.setMeta('config', { version: 'sha256:abc', documentTypes: [] });
  const failing = async () => {
    throw new Error('no quota API');
  };
  expect(await helloReport(store, failing)).toEqual({ configVersion: 'sha256:abc' });
  expect(await helloReport(store, async () => ({ used: 1, free: 2 }))).toEqual({
    configVersion: 'sha256:abc',
    storage: { used: 1, free: 2 },
  });
  const hello = {
    config: { version: 'v', documentTypes: [], lookup: { products: { placement: 'server' } } },
    app: { version: '2.0.0' },
  } as unknown as HelloResponse;
  await rememberHelloOffers(store, hello);
  expect(await store.getMeta('lookup')).toEqual({ products: { placement: 'server' } });
  expect(await store.getMeta('appOffer')).toEqual({ version: '2.0.0' });
});

test('resolve asks the base again for a cached answer once it is stale by the clock it was given', async () => {
  const store = new MemoryTerminalStore();
  await store.resetForEnrollment(enrollment);
  let clock = Date.parse(AT);
  let name = 'Milk';
  const asked: string[] = [];
  const t = new TerminalOnline({
    store,
    timers: new ManualTimers(),
    now: () => new Date(clock).toISOString(),
    transportFor: () =>
      ({
        lookup: async ({ barcode }: { barcode: string }) => {
          asked.push(barcode);
          return { product: { id: 'milk', name, barcodes: ['123'], packings: [] } };
        },
      }) as unknown as DeviceTransport,
    appVersion: '1.0.0',
    lookupOnline: true,
  });
  expect(await t.resolve('123', undefined)).toMatchObject({ product: { name: 'Milk' } });
  name = 'Milk 2';
  clock += LOOKUP_CACHE_FRESH_MS - 1;
  expect(await t.resolve('123', undefined)).toMatchObject({ product: { name: 'Milk' } });
  clock += 1;
  expect(await t.resolve('123', undefined)).toMatchObject({ product: { name: 'Milk 2' } });
  expect(asked).toEqual(['123', '123']);
});
