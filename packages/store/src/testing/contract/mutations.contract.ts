// Contract: exactly-once push (DESIGN.md §5.4) and what each mutation kind does to a document.
import type { Mutation } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import type { ServerStore } from '../../server-store.js';
import type { OpenStore } from './fixtures.js';
import { doc, errorOf, fact, NOW, numbered, product, useStore } from './fixtures.js';

async function setUp(store: ServerStore, ...ids: string[]): Promise<void> {
  await store.upsertCatalog('products', [product('p1'), product('p2')], 'merge');
  await store.putDocuments(
    ids.map((id) => doc(id, ['p1'], id.startsWith('inv') ? { type: 'inventory' } : {})),
    NOW,
  );
}

export function mutationContract(open: OpenStore): void {
  describe('mutations', () => {
    const store = useStore(open);

    test('mutations apply in order and advance the device cursor', async () => {
      await setUp(store(), 'd1');
      expect(await store().lastMutation('A')).toBe(0);
      const res = await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'doc.start', docId: 'd1' },
          { kind: 'fact.add', docId: 'd1', fact: fact('f1') },
        ]),
        NOW,
      );
      expect(res).toEqual({
        results: [
          { n: 1, status: 'applied' },
          { n: 2, status: 'applied' },
        ],
        lastMutation: 2,
      });
      expect(await store().lastMutation('A')).toBe(2);
      expect(await store().lastMutation('B')).toBe(0);
      expect(await store().getDocument('d1')).toMatchObject({ status: 'in_progress', deviceId: 'A' });
    });

    test('a repeated push answers duplicate with the original outcome and changes nothing', async () => {
      await setUp(store(), 'd1');
      const batch = numbered(1, [
        { kind: 'fact.add', docId: 'd1', fact: fact('f1') },
        { kind: 'fact.add', docId: 'missing', fact: fact('f2') },
      ]);
      const first = await store().applyMutations('A', batch, NOW);
      expect(first.results[1]).toMatchObject({ n: 2, status: 'rejected', error: { code: 'DOC_NOT_FOUND' } });
      const docBefore = await store().getDocument('d1');
      const again = await store().applyMutations('A', batch, NOW);
      expect(again.lastMutation).toBe(2);
      expect(again.results).toMatchObject([
        { n: 1, status: 'duplicate', original: 'applied' },
        { n: 2, status: 'duplicate', original: 'rejected', error: { code: 'DOC_NOT_FOUND' } },
      ]);
      expect(await store().getDocument('d1')).toEqual(docBefore);
    });

    test('a gap names the expected number and keeps the mutations before it applied', async () => {
      await setUp(store(), 'd1');
      const batch: Mutation[] = [
        ...numbered(1, [{ kind: 'doc.start', docId: 'd1' }]),
        ...numbered(2, [{ kind: 'fact.add', docId: 'd1', fact: fact('f1') }]),
        ...numbered(4, [{ kind: 'doc.complete', docId: 'd1' }]),
      ];
      const error = await errorOf(store().applyMutations('A', batch, NOW));
      expect(error.code).toBe('SYNC_MUTATION_GAP');
      expect(error.details).toMatchObject({ expected: 3 });
      expect(await store().lastMutation('A')).toBe(2);
      const d = await store().getDocument('d1');
      expect(d?.status).toBe('in_progress');
      expect(d?.facts.map((f) => f.id)).toEqual(['f1']);
      const gapFirst = await errorOf(
        store().applyMutations('B', numbered(2, [{ kind: 'doc.start', docId: 'd1' }]), NOW),
      );
      expect(gapFirst.details).toMatchObject({ expected: 1 });
    });

    test('a rejected mutation is recorded and does not block the ones after it', async () => {
      await setUp(store(), 'd1');
      const res = await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'doc.start', docId: 'nope' },
          { kind: 'doc.start', docId: 'd1' },
        ]),
        NOW,
      );
      expect(res.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
      expect(res.results[0]?.error?.code).toBe('DOC_NOT_FOUND');
      expect(res.lastMutation).toBe(2);
    });

    test('an unexpected failure undoes only that mutation and propagates', async () => {
      await setUp(store(), 'd1');
      // A fact that cannot be serialised stands for any unexpected storage failure.
      const broken = { ...fact('f2'), qty: 1n as unknown as number };
      const batch = numbered(1, [
        { kind: 'fact.add', docId: 'd1', fact: fact('f1') },
        { kind: 'fact.add', docId: 'd1', fact: broken },
      ]);
      await expect(store().applyMutations('A', batch, NOW)).rejects.toThrow();
      expect(await store().lastMutation('A')).toBe(1);
      expect((await store().getDocument('d1'))?.facts.map((f) => f.id)).toEqual(['f1']);
      const retry = await store().applyMutations(
        'A',
        numbered(2, [{ kind: 'fact.add', docId: 'd1', fact: fact('f2') }]),
        NOW,
      );
      expect(retry.results).toEqual([{ n: 2, status: 'applied' }]);
    });

    test('facts carry the pushing device, a re-sent fact id is ignored, the document is taken', async () => {
      await setUp(store(), 'd1');
      const before = await store().getDocument('d1');
      await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'fact.add', docId: 'd1', fact: { ...fact('f1'), deviceId: 'spoofed' } },
          { kind: 'fact.add', docId: 'd1', fact: fact('f1', 'p2', 5) },
          { kind: 'fact.add', docId: 'd1', fact: fact('f2', 'p2', 2) },
        ]),
        NOW,
      );
      const d = await store().getDocument('d1');
      expect(d?.facts).toEqual([
        { ...fact('f1'), deviceId: 'A' },
        { ...fact('f2', 'p2', 2), deviceId: 'A' },
      ]);
      expect(d).toMatchObject({ status: 'in_progress', deviceId: 'A' });
      expect(d?.rev).toBeGreaterThan(before?.rev ?? Number.POSITIVE_INFINITY);
    });

    test("an exclusive document held by one device keeps another device's facts but not its start; a shared one merges both", async () => {
      await setUp(store(), 'd1', 'inv1');
      await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'doc.start', docId: 'd1' },
          { kind: 'fact.add', docId: 'inv1', fact: fact('fa') },
        ]),
        NOW,
      );
      const res = await store().applyMutations(
        'B',
        numbered(1, [
          { kind: 'fact.add', docId: 'd1', fact: fact('fb1') },
          { kind: 'fact.add', docId: 'inv1', fact: fact('fb2') },
          { kind: 'doc.start', docId: 'd1' },
        ]),
        NOW,
      );
      // A scan is real work: kept on the document, marked with its device; the lease stays with A.
      expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected']);
      expect(res.results[2]?.error?.code).toBe('DOC_TAKEN');
      expect(await store().getDocument('d1')).toMatchObject({
        deviceId: 'A',
        facts: [{ id: 'fb1', deviceId: 'B' }],
      });
      const inv = await store().getDocument('inv1');
      expect(inv?.facts.map((f) => `${f.id}@${f.deviceId}`)).toEqual(['fa@A', 'fb2@B']);
    });

    test('complete closes the document to work; late scans are kept and list it again for export', async () => {
      await setUp(store(), 'd1', 'inv1');
      await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'doc.complete', docId: 'd1' },
          { kind: 'doc.start', docId: 'inv1' },
        ]),
        NOW,
      );
      expect(await store().getDocument('d1')).toMatchObject({
        status: 'completed',
        deviceId: 'A',
        completedAt: NOW,
      });
      await store().applyMutations('B', numbered(1, [{ kind: 'doc.complete', docId: 'inv1' }]), NOW);
      const res = await store().applyMutations(
        'A',
        numbered(3, [
          { kind: 'fact.add', docId: 'd1', fact: fact('late') },
          { kind: 'fact.add', docId: 'inv1', fact: fact('late2') },
          { kind: 'doc.complete', docId: 'd1' },
        ]),
        NOW,
      );
      expect(res.results.map((r) => r.error?.code)).toEqual([undefined, undefined, 'DOC_CLOSED']);
      expect((await store().getDocument('inv1'))?.deviceId).toBe('B');
      const listed = await store().listCompleted(0, 10);
      // Listed once each, in the order of their newest change: d1's late scan came before inv1's.
      expect(listed.items.map((d) => [d.id, d.facts.map((f) => f.id)])).toEqual([
        ['d1', ['late']],
        ['inv1', ['late2']],
      ]);
      await store().ackDocument('d1', NOW);
      const exported = await store().applyMutations(
        'A',
        numbered(6, [{ kind: 'fact.add', docId: 'd1', fact: fact('later') }]),
        NOW,
      );
      expect(exported.results[0]?.error?.code).toBe('DOC_CLOSED');
    });

    test('release gives a document back with its facts; another device may then take it', async () => {
      await setUp(store(), 'd1');
      await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'fact.add', docId: 'd1', fact: fact('f1') },
          { kind: 'doc.release', docId: 'd1', reason: 'shift over' },
        ]),
        NOW,
      );
      const released = await store().getDocument('d1');
      expect(released?.status).toBe('released');
      expect(released?.deviceId).toBeUndefined();
      expect(released?.facts.map((f) => f.id)).toEqual(['f1']);
      const res = await store().applyMutations('B', numbered(1, [{ kind: 'doc.start', docId: 'd1' }]), NOW);
      expect(res.results[0]?.status).toBe('applied');
      expect(await store().getDocument('d1')).toMatchObject({ status: 'in_progress', deviceId: 'B' });
    });

    test('a cancelled document refuses work with DOC_CANCELLED but keeps scans already made', async () => {
      await setUp(store(), 'd1');
      await store().cancelDocument('d1', undefined, NOW);
      const res = await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'fact.add', docId: 'd1', fact: fact('f1') },
          { kind: 'doc.complete', docId: 'd1' },
        ]),
        NOW,
      );
      expect(res.results[0]).toMatchObject({ status: 'applied' });
      expect(res.results[1]).toMatchObject({ status: 'rejected', error: { code: 'DOC_CANCELLED' } });
      expect(await store().getDocument('d1')).toMatchObject({ status: 'cancelled', facts: [{ id: 'f1' }] });
    });

    test('a terminal-created document is stored in progress, held by its device, unknown products allowed', async () => {
      await setUp(store());
      const created = {
        id: 'blind-1',
        type: 'inventory',
        lines: [{ productId: 'not-in-catalog', qty: 3 }],
      };
      const res = await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'doc.create', doc: created },
          { kind: 'fact.add', docId: 'blind-1', fact: fact('f1', 'not-in-catalog') },
          { kind: 'doc.create', doc: created },
        ]),
        NOW,
      );
      expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected']);
      const d = await store().getDocument('blind-1');
      expect(d).toMatchObject({
        origin: 'terminal',
        status: 'in_progress',
        deviceId: 'A',
        type: 'inventory',
      });
      expect(d?.lines).toHaveLength(1);
      expect(d?.lines[0]?.id).toBeTruthy();
      expect(d?.facts.map((f) => f.id)).toEqual(['f1']);
    });

    test('a terminal cannot create a document of a type that is not creatable on terminals', async () => {
      await setUp(store());
      const res = await store().applyMutations(
        'A',
        numbered(1, [{ kind: 'doc.create', doc: { id: 'forged-1', type: 'receipt', lines: [] } }]),
        NOW,
      );
      expect(res.results).toMatchObject([{ status: 'rejected', error: { code: 'DOC_NOT_CREATABLE' } }]);
      expect(await store().getDocument('forged-1')).toBeUndefined();
    });

    // Its speed is measured by `npm run bench sync` (push of completed documents), not asserted here:
    // a time bound fails on a loaded machine and proves nothing on an idle one.
    test('1,000 documents × 20 facts push in batches of 500, each mutation applied once', async () => {
      const store_ = store();
      await store_.upsertCatalog('products', [product('p1')], 'merge');
      const ids = Array.from({ length: 1000 }, (_, i) => `d${i}`);
      await store_.putDocuments(
        ids.map((id) => doc(id)),
        NOW,
      );
      const all = numbered(
        1,
        ids.flatMap((id) => [
          ...Array.from({ length: 20 }, (_, j) => ({
            kind: 'fact.add' as const,
            docId: id,
            fact: fact(`${id}-${j}`),
          })),
          { kind: 'doc.complete' as const, docId: id },
        ]),
      );
      for (let i = 0; i < all.length; i += 500) {
        await store_.applyMutations('A', all.slice(i, i + 500), NOW);
      }
      expect(await store_.lastMutation('A')).toBe(21_000);
      expect((await store_.getDocument('d999'))?.facts).toHaveLength(20);
      const completed = await store_.listCompleted(0, 2000);
      expect(completed.items).toHaveLength(1000);
      // 21,000 mutations take 20–27 s on PostgreSQL at a load average of 10–12 (before and after
      // issue 12's rewrite alike): room above the 30 s default, since no speed is asserted here.
    }, 120_000);
  });
}
