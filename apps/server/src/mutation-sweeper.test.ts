import type { Mutation } from '@shelfsync/protocol';
import { openSqliteServerStore, type SqliteServerStore } from '@shelfsync/store';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { startMutationSweeper } from './mutation-sweeper.js';

const DAY = 86_400_000;
const T0 = new Date('2026-01-10T08:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

let store: SqliteServerStore;
beforeEach(async () => {
  store = await openSqliteServerStore(':memory:');
  await store.upsertCatalog('products', [{ id: 'p1', name: 'P1', barcodes: [], packings: [] }], 'merge');
  await store.putDocuments(
    [{ id: 'd1', type: 'inventory', origin: 'accounting', lines: [{ id: 'l1', productId: 'p1', qty: 1 }] }],
    T0.toISOString(),
  );
});
afterEach(async () => {
  vi.useRealTimers();
  await store.close();
});

function scans(first: number, count: number, when: Date): Mutation[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'fact.add' as const,
    n: first + i,
    at: when.toISOString(),
    docId: 'd1',
    fact: { id: `f${first + i}`, planLineId: null, productId: 'p1', qty: 1, at: when.toISOString() },
  }));
}

/** Mutation numbers whose original outcome the base still remembers. */
async function remembered(device: string, last: number, now: Date): Promise<number[]> {
  const again = await store.applyMutations(device, scans(1, last, now), now.toISOString());
  expect(again.results.every((r) => r.status === 'duplicate')).toBe(true);
  return again.results.filter((r) => r.original).map((r) => r.n);
}

test('a sweep prunes by the injected clock, in batches, keeping the retention and the newest per device', async () => {
  await store.applyMutations('A', scans(1, 7, at(0)), at(0).toISOString());
  await store.applyMutations('A', scans(8, 2, at(25)), at(25).toISOString());
  await store.applyMutations('B', scans(1, 2, at(0)), at(0).toISOString());
  let now = at(29);
  const sweeper = startMutationSweeper(store, {
    now: () => now,
    retentionDays: 30,
    keepPerDevice: 2,
    batchRows: 2,
  });
  try {
    expect(await sweeper.sweep()).toBe(0);
    now = at(31);
    // A: 1–7 are older than 30 days, 8–9 are its newest 2; B has only its newest 2.
    expect(await sweeper.sweep()).toBe(7);
    expect(await remembered('A', 9, now)).toEqual([8, 9]);
    expect(await remembered('B', 2, now)).toEqual([1, 2]);
    expect(await store.lastMutation('A')).toBe(9);
    expect((await store.getDocument('d1'))?.facts).toHaveLength(9);
  } finally {
    await sweeper.stop();
  }
});

test('the timer sweeps soon after start and then every interval, until stopped', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
  await store.applyMutations('A', scans(1, 5, at(0)), at(0).toISOString());
  const prune = vi.spyOn(store, 'pruneMutations');
  let now = at(10);
  const sweeper = startMutationSweeper(store, {
    now: () => now,
    retentionDays: 7,
    keepPerDevice: 1,
    firstAfterMs: 1_000,
    everyMs: 60_000,
  });
  await vi.advanceTimersByTimeAsync(999);
  expect(prune).not.toHaveBeenCalled();
  await vi.advanceTimersByTimeAsync(1);
  expect(prune).toHaveBeenCalledWith(at(3).toISOString(), 1, 10_000);
  expect(await prune.mock.results[0]?.value).toBe(4);

  now = at(20);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(prune).toHaveBeenLastCalledWith(at(13).toISOString(), 1, 10_000);

  await sweeper.stop();
  const calls = prune.mock.calls.length;
  await vi.advanceTimersByTimeAsync(10 * 60_000);
  expect(prune.mock.calls.length).toBe(calls);
});
