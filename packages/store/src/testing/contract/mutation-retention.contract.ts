// Contract: bounded retention of pushed mutations' records (mutation-retention.ts). Pruning drops
// old records beyond each device's newest K and never weakens exactly-once: a pruned mutation sent
// again is a duplicate that changes nothing, and numbering goes on where it was.
import type { Mutation } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import type { ServerStore } from '../../server-store.js';
import type { OpenStore } from './fixtures.js';
import { doc, errorOf, fact, numbered, product, useStore } from './fixtures.js';

const OLD = '2026-01-10T08:00:00.000Z';
const CUTOFF = '2026-02-01T00:00:00.000Z';
const RECENT = '2026-03-01T08:00:00.000Z';

/** `count` scans into d1 from mutation `first` on, the first one of each device taking the document. */
function scans(device: string, first: number, count: number): Mutation[] {
  return numbered(
    first,
    Array.from({ length: count }, (_, i) => ({
      kind: 'fact.add' as const,
      docId: 'd1',
      fact: fact(`${device}-${first + i}`),
    })),
  );
}

async function setUp(store: ServerStore): Promise<void> {
  await store.upsertCatalog('products', [product('p1')], 'merge');
  await store.putDocuments([doc('d1'), doc('d2')], OLD);
}

/** Which of 1..last still answer with their original outcome (a pruned record answers without). */
async function kept(store: ServerStore, device: string, all: readonly Mutation[]): Promise<number[]> {
  const again = await store.applyMutations(device, all, RECENT);
  expect(again.results.every((r) => r.status === 'duplicate')).toBe(true);
  return again.results.filter((r) => r.original !== undefined).map((r) => r.n);
}

export function mutationRetentionContract(open: OpenStore): void {
  describe('mutation retention', () => {
    const store = useStore(open);

    test('old records beyond the newest K are deleted; recent ones and the newest K stay', async () => {
      await setUp(store());
      // A: 1–6 old, 7–9 recent. C: 1–4 old. B: 1–2 old, fewer than K.
      const a = [...scans('A', 1, 6), ...scans('A', 7, 3)];
      await store().applyMutations('A', a.slice(0, 6), OLD);
      await store().applyMutations('A', a.slice(6), RECENT);
      const c = scans('C', 1, 4);
      await store().applyMutations('C', c, OLD);
      const b = scans('B', 1, 2);
      await store().applyMutations('B', b, OLD);

      expect(await store().pruneMutations(CUTOFF, 2)).toBe(6 + 2);
      // A keeps 7 (recent, though beyond its newest 2) and 8–9; C keeps its newest 2, old as they are.
      expect(await kept(store(), 'A', a)).toEqual([7, 8, 9]);
      expect(await kept(store(), 'C', c)).toEqual([3, 4]);
      expect(await kept(store(), 'B', b)).toEqual([1, 2]);
      expect(await store().pruneMutations(CUTOFF, 2)).toBe(0);
    });

    test('a pruned mutation sent again is a duplicate that changes nothing; numbering goes on', async () => {
      await setUp(store());
      const first = numbered(1, [
        { kind: 'doc.start', docId: 'd1' },
        { kind: 'fact.add', docId: 'd1', fact: fact('f1') },
        { kind: 'doc.complete', docId: 'd1' },
        { kind: 'doc.start', docId: 'missing' },
        { kind: 'doc.start', docId: 'd2' },
      ]);
      const answered = await store().applyMutations('A', first, OLD);
      expect(answered.results[3]).toMatchObject({ status: 'rejected', error: { code: 'DOC_NOT_FOUND' } });
      expect(await store().pruneMutations(CUTOFF, 1)).toBe(4);
      const before = await store().getDocument('d1');
      const listed = await store().listCompleted(0, 10);

      // The answer to the first push was lost: the terminal sends all of it again.
      const again = await store().applyMutations('A', first, RECENT);
      expect(again).toEqual({
        results: [
          { n: 1, status: 'duplicate' },
          { n: 2, status: 'duplicate' },
          { n: 3, status: 'duplicate' },
          { n: 4, status: 'duplicate' },
          { n: 5, status: 'duplicate', original: 'applied' },
        ],
        lastMutation: 5,
      });
      expect(await store().getDocument('d1')).toEqual(before);
      expect(await store().listCompleted(0, 10)).toEqual(listed);
      expect(await store().lastMutation('A')).toBe(5);

      const gap = await errorOf(store().applyMutations('A', scans('A', 7, 1), RECENT));
      expect(gap.details).toMatchObject({ expected: 6 });
      const next = await store().applyMutations('A', scans('A', 6, 1), RECENT);
      expect(next.results).toEqual([{ n: 6, status: 'applied' }]);
    });

    test('a limit caps one call, later calls finish the job, and the cutoff is exclusive', async () => {
      await setUp(store());
      await store().applyMutations('A', scans('A', 1, 7), OLD);
      await store().applyMutations('B', scans('B', 1, 3), OLD);
      expect(await store().pruneMutations(OLD, 0)).toBe(0);
      // K = 0 may drop everything old: 7 + 3 records, three at a time.
      expect(await store().pruneMutations(CUTOFF, 0, 3)).toBe(3);
      expect(await store().pruneMutations(CUTOFF, 0, 3)).toBe(3);
      expect(await store().pruneMutations(CUTOFF, 0, 3)).toBe(3);
      expect(await store().pruneMutations(CUTOFF, 0, 3)).toBe(1);
      expect(await store().pruneMutations(CUTOFF, 0, 3)).toBe(0);
      expect(await store().lastMutation('A')).toBe(7);
      expect(await store().lastMutation('B')).toBe(3);
      const again = await store().applyMutations('B', scans('B', 1, 4), RECENT);
      expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'applied']);
    });
  });
}
