// Contract: documents assigned to operators and groups follow the operator signed in on a device;
// a one-per-operator type is issued one document at a time, personal first, then priority, then date.

import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import type { DocumentType } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import type { ClaimKey, ServerStore } from '../../server-store.js';
import type { OpenStore } from './fixtures.js';
import { doc, errorOf, NOW, numbered, product, useStore } from './fixtures.js';

async function setUp(store: ServerStore): Promise<void> {
  await store.upsertCatalog('products', [product('p1')], 'merge');
  await store.upsertCatalog(
    'users',
    [
      { id: 'u1', name: 'Anna', groups: ['night'], warehouseIds: [] },
      { id: 'u2', name: 'Boris', groups: [], warehouseIds: [] },
    ],
    'merge',
  );
}

const ids = async (store: ServerStore, device: string) =>
  (await store.pullDocuments(device, 0, 100)).items.map((d) => d.id).sort();

export function operatorContract(open: OpenStore): void {
  describe('operators', () => {
    const store = useStore(open);

    test('documents for an operator or a group reach only a device where they are signed in', async () => {
      await setUp(store());
      await store().putDocuments(
        [
          doc('all'),
          doc('for-u2', ['p1'], { assignee: { userIds: ['u2'] } }),
          doc('for-night', ['p1'], { assignee: { group: 'night' } }),
        ],
        NOW,
      );
      expect(await ids(store(), 'A')).toEqual(['all']);
      const before = await store().pullDocuments('A', 0, 100);
      await store().setDeviceOperator('A', 'u1');
      const afterLogin = await store().pullDocuments('A', before.cursor, 100);
      expect(afterLogin.items.map((d) => d.id)).toEqual(['for-night']);
      await store().setDeviceOperator('A', 'u2');
      const switched = await store().pullDocuments('A', afterLogin.cursor, 100);
      expect(switched.items.map((d) => d.id)).toEqual(['for-u2']);
      expect(switched.revoked).toEqual([
        { id: 'for-night', status: 'new', reason: 'assigned to another operator' },
      ]);
    });

    test('a one-per-operator type is issued by claim {next}: personal first, one at a time', async () => {
      await setUp(store());
      const types: DocumentType[] = DEFAULT_DOCUMENT_TYPES.map((t) =>
        t.id === 'picking' ? { ...t, onePerOperator: true } : t,
      );
      await store().putDocumentTypes(types);
      const pick = (id: string, over = {}) => doc(id, ['p1'], { type: 'picking', ...over });
      await store().putDocuments(
        [
          pick('old', { date: '2026-11-01' }),
          pick('urgent', { priority: 9 }),
          pick('mine', { assignee: { userIds: ['u1'] } }),
        ],
        NOW,
      );
      await store().setDeviceOperator('A', 'u1');
      // Pool documents of the type are not pulled; the personal one is.
      expect(await ids(store(), 'A')).toEqual(['mine']);
      expect(await store().claimDocument('A', { next: 'picking' }, NOW)).toMatchObject({
        id: 'mine',
        deviceId: 'A',
      });
      expect((await errorOf(store().claimDocument('A', { next: 'picking' }, NOW))).code).toBe('DOC_TAKEN');
      await store().applyMutations('A', numbered(1, [{ kind: 'doc.complete', docId: 'mine' }]), NOW);
      expect((await store().claimDocument('A', { next: 'picking' }, NOW)).id).toBe('urgent');
      expect((await store().claimDocument('B', { next: 'picking' }, NOW)).id).toBe('old');
      expect((await errorOf(store().claimDocument('C', { next: 'picking' }, NOW))).code).toBe(
        'DOC_NOT_FOUND',
      );
    });

    test('claims at the same moment never hand one document to two devices, nor two to one', async () => {
      await setUp(store());
      const types: DocumentType[] = DEFAULT_DOCUMENT_TYPES.map((t) =>
        t.id === 'picking' ? { ...t, onePerOperator: true } : t,
      );
      await store().putDocumentTypes(types);
      await store().putDocuments(
        ['p-1', 'p-2', 'p-3'].map((id) => doc(id, ['p1'], { type: 'picking' })),
        NOW,
      );
      const outcome = (device: string, key: ClaimKey = { next: 'picking' }) =>
        store()
          .claimDocument(device, key, NOW)
          .then(
            (d) => `${d.id}@${d.deviceId}`,
            (e: { code?: string }) => `${e.code}@${device}`,
          );
      // Every device gets a document of its own while there are enough; the last finds none.
      const many = await Promise.all(['A', 'B', 'C', 'D'].map((device) => outcome(device)));
      const handed = many.filter((o) => o.startsWith('p-'));
      expect(handed).toHaveLength(3);
      expect(new Set(handed.map((o) => o.split('@')[0])).size).toBe(3);
      expect(many.filter((o) => !o.startsWith('p-'))).toEqual([expect.stringMatching(/^DOC_NOT_FOUND@/)]);
      // One device asking for two documents at once gets one and is told to finish it first.
      await store().putDocuments(
        ['p-4', 'p-5'].map((id) => doc(id, ['p1'], { type: 'picking' })),
        NOW,
      );
      const idle = many.find((o) => !o.startsWith('p-'))!.split('@')[1]!;
      const twice = await Promise.all([outcome(idle), outcome(idle, { id: 'p-5' })]);
      expect(twice.filter((o) => o.startsWith('p-'))).toHaveLength(1);
      expect(twice.filter((o) => o === `DOC_TAKEN@${idle}`)).toHaveLength(1);
    });
  });
}
