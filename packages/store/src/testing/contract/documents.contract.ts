// Contract: documents from the accounting system, what each device pulls and has revoked, export.
import { describe, expect, test } from 'vitest';
import type { ServerStore } from '../../server-store.js';
import type { OpenStore } from './fixtures.js';
import { doc, errorOf, fact, NOW, numbered, product, useStore } from './fixtures.js';

async function withProducts(store: ServerStore): Promise<void> {
  await store.upsertCatalog('products', [product('p1'), product('p2'), product('p3')], 'merge');
}

export function documentContract(open: OpenStore): void {
  describe('documents', () => {
    const store = useStore(open);

    test('a put document reads back whole, status new, with a revision', async () => {
      await withProducts(store());
      expect(await store().putDocuments([doc('d1', ['p1', 'p2'])], NOW)).toEqual({ created: 1, replaced: 0 });
      const d = await store().getDocument('d1');
      expect(d).toMatchObject({ id: 'd1', type: 'receipt', number: 'N-d1', status: 'new', facts: [] });
      expect(d?.lines).toEqual(doc('d1', ['p1', 'p2']).lines);
      expect(d?.rev).toBeGreaterThan(0);
      expect(await store().getDocument('nope')).toBeUndefined();
    });

    test('an unknown product refuses the whole batch and writes nothing', async () => {
      await withProducts(store());
      const error = await errorOf(store().putDocuments([doc('d1'), doc('d2', ['p1', 'zz', 'yy'])], NOW));
      expect(error.code).toBe('DOC_UNKNOWN_PRODUCT');
      expect([...((error.details?.['missing'] as string[] | undefined) ?? [])].sort()).toEqual(['yy', 'zz']);
      // The first missing product in upload order is named with its document and line.
      expect(error.details).toMatchObject({ missing: ['zz', 'yy'], id: 'd2' });
      expect(error.message).toMatch(
        /^Document d2, line \S+: product zz is not in the catalog \(and 1 more: yy\)\./,
      );
      expect(await store().getDocument('d1')).toBeUndefined();
      expect(await store().getDocument('d2')).toBeUndefined();
    });

    test('a new document is replaced in place with a new revision; one in progress is locked', async () => {
      await withProducts(store());
      await store().putDocuments([doc('d1', ['p1'])], NOW);
      const before = await store().getDocument('d1');
      expect(await store().putDocuments([doc('d1', ['p2', 'p3'])], NOW)).toEqual({ created: 0, replaced: 1 });
      const after = await store().getDocument('d1');
      expect(after?.rev).toBeGreaterThan(before?.rev ?? Number.POSITIVE_INFINITY);
      expect(after?.lines.map((l) => l.productId)).toEqual(['p2', 'p3']);
      await store().applyMutations('A', numbered(1, [{ kind: 'doc.start', docId: 'd1' }]), NOW);
      const locked = await errorOf(store().putDocuments([doc('d1', ['p1'])], NOW));
      expect(locked.code).toBe('DOC_LOCKED');
      await store().applyMutations('A', numbered(2, [{ kind: 'doc.release', docId: 'd1' }]), NOW);
      expect(await store().putDocuments([doc('d1', ['p1'])], NOW)).toEqual({ created: 0, replaced: 1 });
      expect((await store().getDocument('d1'))?.status).toBe('new');
    });

    test('a locked document refuses the whole batch', async () => {
      await withProducts(store());
      await store().putDocuments([doc('busy')], NOW);
      await store().applyMutations('A', numbered(1, [{ kind: 'doc.start', docId: 'busy' }]), NOW);
      const error = await errorOf(store().putDocuments([doc('fresh'), doc('busy', ['p2'])], NOW));
      expect(error.code).toBe('DOC_LOCKED');
      expect(await store().getDocument('fresh')).toBeUndefined();
      expect((await store().getDocument('busy'))?.lines.map((l) => l.productId)).toEqual(['p1']);
    });

    test('a device pulls open documents for it, whole, in pages without repeats', async () => {
      await withProducts(store());
      await store().putDocuments(
        [
          doc('d1'),
          doc('d2', ['p2'], { assignee: { deviceId: 'A' } }),
          doc('d3', ['p3'], { assignee: { deviceId: 'B' } }),
          doc('d4'),
          doc('d5'),
        ],
        NOW,
      );
      await store().applyMutations(
        'B',
        numbered(1, [{ kind: 'fact.add', docId: 'd5', fact: fact('f1') }]),
        NOW,
      );
      const ids: string[] = [];
      let cursor = 0;
      for (let hasMore = true; hasMore; ) {
        const page = await store().pullDocuments('A', cursor, 2);
        expect(page.items.length + page.revoked.length).toBeLessThanOrEqual(2);
        ids.push(...page.items.map((d) => d.id));
        expect(page.cursor).toBeGreaterThanOrEqual(cursor);
        cursor = page.cursor;
        hasMore = page.hasMore;
      }
      expect(ids.sort()).toEqual(['d1', 'd2', 'd4']);
      const b = await store().pullDocuments('B', 0, 100);
      expect(b.items.map((d) => d.id).sort()).toEqual(['d1', 'd3', 'd4', 'd5']);
      expect(b.items.find((d) => d.id === 'd5')?.facts.map((f) => f.id)).toEqual(['f1']);
      expect((await store().pullDocuments('A', cursor, 100)).items).toEqual([]);
    });

    test('documents a device was sent are revoked when cancelled or taken by another device', async () => {
      await withProducts(store());
      await store().putDocuments([doc('d1'), doc('d2'), doc('d3')], NOW);
      const first = await store().pullDocuments('A', 0, 100);
      expect(first.items).toHaveLength(3);
      await store().cancelDocument('d1', 'order withdrawn', NOW);
      await store().applyMutations('B', numbered(1, [{ kind: 'doc.start', docId: 'd2' }]), NOW);
      const next = await store().pullDocuments('A', first.cursor, 100);
      expect(next.items).toEqual([]);
      expect(next.revoked).toEqual([
        { id: 'd1', status: 'cancelled', reason: 'order withdrawn' },
        { id: 'd2', status: 'in_progress', reason: 'taken by another device' },
      ]);
      // A device that never had them is not told about them.
      expect((await store().pullDocuments('C', first.cursor, 100)).revoked).toEqual([]);
    });

    test("a first load lists only what to hold; a caught-up cursor skips other devices' changes", async () => {
      await withProducts(store());
      await store().putDocuments(
        [doc('d1'), doc('d2'), doc('mine', ['p1'], { assignee: { deviceId: 'A' } })],
        NOW,
      );
      const first = await store().pullDocuments('A', 0, 100);
      await store().cancelDocument('d1', undefined, NOW);
      await store().putDocuments([doc('other', ['p1'], { assignee: { deviceId: 'B' } })], NOW);
      const reload = await store().pullDocuments('A', 0, 100);
      expect(reload.items.map((d) => d.id).sort()).toEqual(['d2', 'mine']);
      expect(reload.revoked).toEqual([]);
      const next = await store().pullDocuments('A', first.cursor, 100);
      expect(next.revoked.map((r) => r.id)).toEqual(['d1']);
      expect(next.cursor).toBe(reload.cursor);
      expect(await store().pullDocuments('A', next.cursor, 100)).toEqual({
        items: [],
        revoked: [],
        cursor: next.cursor,
        hasMore: false,
      });
    });

    test('shared documents stay visible to every device while one holds them', async () => {
      await withProducts(store());
      await store().putDocuments([doc('inv', ['p1'], { type: 'inventory' })], NOW);
      await store().applyMutations('A', numbered(1, [{ kind: 'doc.start', docId: 'inv' }]), NOW);
      const b = await store().pullDocuments('B', 0, 100);
      expect(b.items.map((d) => d.id)).toEqual(['inv']);
      expect(b.items[0]).toMatchObject({ status: 'in_progress', deviceId: 'A' });
    });

    test('completed documents are listed in completion order until acknowledged', async () => {
      await withProducts(store());
      await store().putDocuments([doc('d1'), doc('d2'), doc('d3')], NOW);
      await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'doc.complete', docId: 'd2' },
          { kind: 'doc.complete', docId: 'd1' },
          { kind: 'doc.start', docId: 'd3' },
        ]),
        NOW,
      );
      const page1 = await store().listCompleted(0, 1);
      expect(page1.items.map((d) => d.id)).toEqual(['d2']);
      expect(page1.hasMore).toBe(true);
      const page2 = await store().listCompleted(page1.next, 10);
      expect(page2.items.map((d) => d.id)).toEqual(['d1']);
      expect(page2.hasMore).toBe(false);
      expect(page2.items[0]).toMatchObject({ status: 'completed', deviceId: 'A', completedAt: NOW });
      expect(await store().listCompleted(page2.next, 10)).toEqual({
        items: [],
        next: page2.next,
        hasMore: false,
      });
      const acked = await store().ackDocument('d2', NOW);
      expect(acked.status).toBe('exported');
      expect((await store().ackDocument('d2', NOW)).rev).toBe(acked.rev);
      expect((await store().listCompleted(0, 10)).items.map((d) => d.id)).toEqual(['d1']);
    });

    test('the completing device is told when its document is exported', async () => {
      await withProducts(store());
      await store().putDocuments([doc('d1')], NOW);
      const first = await store().pullDocuments('A', 0, 100);
      await store().applyMutations('A', numbered(1, [{ kind: 'doc.complete', docId: 'd1' }]), NOW);
      const completed = await store().pullDocuments('A', first.cursor, 100);
      expect(completed.revoked).toEqual([{ id: 'd1', status: 'completed', reason: 'completed' }]);
      await store().ackDocument('d1', NOW);
      const exported = await store().pullDocuments('A', completed.cursor, 100);
      expect(exported.revoked).toEqual([{ id: 'd1', status: 'exported', reason: 'exported' }]);
    });

    test('acknowledging refuses unknown and unfinished documents', async () => {
      await withProducts(store());
      await store().putDocuments([doc('d1')], NOW);
      expect((await errorOf(store().ackDocument('d1', NOW))).code).toBe('DOC_NOT_COMPLETED');
      expect((await errorOf(store().ackDocument('nope', NOW))).code).toBe('DOC_NOT_FOUND');
    });

    test('cancelling works until export, keeps facts, and drops the document from the completed list', async () => {
      await withProducts(store());
      await store().putDocuments([doc('d1'), doc('d2')], NOW);
      await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'fact.add', docId: 'd1', fact: fact('f1') },
          { kind: 'doc.complete', docId: 'd1' },
          { kind: 'doc.complete', docId: 'd2' },
        ]),
        NOW,
      );
      const cancelled = await store().cancelDocument('d1', 'duplicate order', NOW);
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'duplicate order' });
      expect(cancelled.facts.map((f) => f.id)).toEqual(['f1']);
      expect((await store().listCompleted(0, 10)).items.map((d) => d.id)).toEqual(['d2']);
      await store().ackDocument('d2', NOW);
      expect((await errorOf(store().cancelDocument('d2', undefined, NOW))).code).toBe('DOC_LOCKED');
      expect((await errorOf(store().cancelDocument('nope', undefined, NOW))).code).toBe('DOC_NOT_FOUND');
    });
  });
}
