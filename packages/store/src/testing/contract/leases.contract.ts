// Contract: documents among terminals — leases, takeover without losing scans, expiry, claims by
// barcode, shared documents sent to every holder, cancelled documents with facts reported.
import { describe, expect, test } from 'vitest';
import type { ServerStore } from '../../server-store.js';
import type { OpenStore } from './fixtures.js';
import { doc, errorOf, fact, NOW, numbered, product, useStore } from './fixtures.js';

const LATER = '2026-11-25T20:00:00.000Z';

async function setUp(store: ServerStore): Promise<void> {
  await store.upsertCatalog('products', [product('p1'), product('p2')], 'merge');
  await store.putDocuments(
    [
      doc('d1'),
      doc('d2', ['p1'], { barcode: 'PAL-1' }),
      doc('d3', ['p2'], { barcode: 'PAL-1', priority: 5 }),
      doc('inv1', ['p1'], { type: 'inventory' }),
    ],
    NOW,
  );
}

export function leaseContract(open: OpenStore): void {
  describe('documents among terminals', () => {
    const store = useStore(open);

    test('taking a document shows a lease; admin release returns it to the pool', async () => {
      await setUp(store());
      await store().applyMutations('A', numbered(1, [{ kind: 'doc.start', docId: 'd1' }]), NOW);
      expect(await store().listLeases()).toEqual([
        {
          docId: 'd1',
          type: 'receipt',
          number: 'N-d1',
          status: 'in_progress',
          deviceId: 'A',
          since: NOW,
          touchedAt: NOW,
          facts: 0,
          shared: false,
        },
      ]);
      const released = await store().releaseLease('d1', LATER);
      expect(released).toMatchObject({ status: 'released' });
      expect(released.deviceId).toBeUndefined();
      expect(await store().listLeases()).toEqual([]);
      const b = await store().applyMutations('B', numbered(1, [{ kind: 'doc.start', docId: 'd1' }]), LATER);
      expect(b.results[0]?.status).toBe('applied');
      expect((await errorOf(store().releaseLease('nope', NOW))).code).toBe('DOC_NOT_FOUND');
    });

    test('a takeover keeps the old holder\u2019s later scans and tells it "taken over"', async () => {
      await setUp(store());
      const a0 = await store().pullDocuments('A', 0, 100);
      await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'doc.start', docId: 'd1' },
          { kind: 'fact.add', docId: 'd1', fact: fact('a1') },
        ]),
        NOW,
      );
      const b0 = await store().pullDocuments('B', 0, 100);
      expect(b0.items.map((d) => d.id)).not.toContain('d1');
      const moved = await store().reassignDocument('d1', 'B', LATER);
      expect(moved).toMatchObject({ status: 'in_progress', deviceId: 'B' });
      // A was offline: it scanned again before it learned of the takeover.
      const late = await store().applyMutations(
        'A',
        numbered(3, [{ kind: 'fact.add', docId: 'd1', fact: fact('a2') }]),
        LATER,
      );
      expect(late.results[0]?.status).toBe('applied');
      const a1 = await store().pullDocuments('A', a0.cursor, 100);
      expect(a1.revoked).toContainEqual({ id: 'd1', status: 'in_progress', reason: 'taken over' });
      const b1 = await store().pullDocuments('B', b0.cursor, 100);
      const d1 = b1.items.find((d) => d.id === 'd1');
      expect(d1?.facts.map((f) => `${f.id}@${f.deviceId}`)).toEqual(['a1@A', 'a2@A']);
      expect((await store().listLeases()).map((l) => `${l.docId}@${l.deviceId}`)).toEqual(['d1@B']);
    });

    test('untouched leases expire back to the pool; a document with facts keeps its holder', async () => {
      await setUp(store());
      await store().applyMutations('A', numbered(1, [{ kind: 'doc.start', docId: 'd1' }]), NOW);
      await store().applyMutations(
        'B',
        numbered(1, [
          { kind: 'doc.start', docId: 'd2' },
          { kind: 'fact.add', docId: 'd2', fact: fact('b1') },
        ]),
        NOW,
      );
      expect(await store().expireLeases(NOW, LATER)).toEqual([]);
      expect(await store().expireLeases(LATER, LATER)).toEqual(['d1']);
      expect(await store().getDocument('d1')).toMatchObject({ status: 'new' });
      expect(await store().getDocument('d2')).toMatchObject({ status: 'in_progress', deviceId: 'B' });
    });

    test('a barcode claims the best free document carrying it; a taken one is refused', async () => {
      await setUp(store());
      const first = await store().claimDocument('A', { barcode: 'PAL-1' }, NOW);
      expect(first).toMatchObject({ id: 'd3', status: 'taken', deviceId: 'A' });
      const second = await store().claimDocument('B', { barcode: 'PAL-1' }, NOW);
      expect(second).toMatchObject({ id: 'd2', deviceId: 'B' });
      expect((await errorOf(store().claimDocument('C', { barcode: 'PAL-1' }, NOW))).code).toBe('DOC_TAKEN');
      expect((await errorOf(store().claimDocument('C', { barcode: 'NOPE' }, NOW))).code).toBe(
        'DOC_NOT_FOUND',
      );
      expect((await errorOf(store().claimDocument('C', { id: 'd2' }, NOW))).code).toBe('DOC_TAKEN');
      const pulledByA = await store().pullDocuments('A', 0, 100);
      expect(pulledByA.items.map((d) => d.id)).toContain('d3');
      expect(pulledByA.items.map((d) => d.id)).not.toContain('d2');
    });

    test('facts on a shared document reach every device holding it', async () => {
      await setUp(store());
      const a0 = await store().pullDocuments('A', 0, 100);
      const b0 = await store().pullDocuments('B', 0, 100);
      await store().applyMutations(
        'A',
        numbered(1, [{ kind: 'fact.add', docId: 'inv1', fact: fact('a1') }]),
        NOW,
      );
      await store().applyMutations(
        'B',
        numbered(1, [{ kind: 'fact.add', docId: 'inv1', fact: fact('b1', 'p2') }]),
        NOW,
      );
      const a1 = await store().pullDocuments('A', a0.cursor, 100);
      const b1 = await store().pullDocuments('B', b0.cursor, 100);
      for (const page of [a1, b1]) {
        const inv = page.items.find((d) => d.id === 'inv1');
        expect(inv?.facts.map((f) => `${f.id}@${f.deviceId}`)).toEqual(['a1@A', 'b1@B']);
      }
    });

    test('a cancelled document with facts is listed for the accounting side until acknowledged', async () => {
      await setUp(store());
      await store().applyMutations(
        'A',
        numbered(1, [{ kind: 'fact.add', docId: 'd1', fact: fact('a1') }]),
        NOW,
      );
      await store().cancelDocument('d1', 'withdrawn', NOW);
      await store().cancelDocument('d2', undefined, NOW);
      const list = await store().listCancelled(0, 10);
      expect(list.items.map((d) => [d.id, d.facts.map((f) => f.id)])).toEqual([['d1', ['a1']]]);
      expect((await store().listCompleted(0, 10)).items).toEqual([]);
      // A scan sent after the cancellation is kept and lists the document again.
      const late = await store().applyMutations(
        'A',
        numbered(2, [{ kind: 'fact.add', docId: 'd1', fact: fact('a2') }]),
        NOW,
      );
      expect(late.results[0]?.status).toBe('applied');
      const again = await store().listCancelled(list.next, 10);
      expect(again.items.map((d) => d.facts.length)).toEqual([2]);
      expect(await store().ackDocument('d1', NOW)).toMatchObject({ status: 'cancelled' });
      expect(await store().ackDocument('d1', NOW)).toMatchObject({ status: 'cancelled' });
      expect((await store().listCancelled(0, 10)).items).toEqual([]);
    });
  });
}
