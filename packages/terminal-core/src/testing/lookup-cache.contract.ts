// Contract part: the online-lookup cache (hybrid lookup) is kept apart from the replicated catalog,
// drops single entries the base no longer knows, and is emptied by a new enrollment. Run from
// terminal-store.contract.ts for every adapter.
import type { Product } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import type { TerminalStore } from '../terminal-store.js';

const AT = '2026-11-25T10:00:00.000Z';
const milk: Product = {
  id: 'milk',
  name: 'Milk',
  barcodes: ['4600000000015'],
  packings: [{ id: 'box', name: 'Box', factor: 6, barcodes: ['14600000000012'] }],
};
const enrollment = { deviceId: 'D', token: 't', baseId: 'B', urls: ['http://base'], enrolledAt: AT };

export function lookupCacheContract(store: () => TerminalStore, reopen?: () => Promise<TerminalStore>): void {
  describe('online lookup cache', () => {
    test('an entry is stored by code, replaced, and leaves the catalog replica alone', async () => {
      expect(await store().cachedLookup('14600000000012')).toBeUndefined();
      await store().cacheLookup('14600000000012', { product: milk, packingId: 'box', at: AT });
      await store().cacheLookup('CELL-9', { cell: { id: 'c9', name: 'C-9', barcodes: ['CELL-9'] }, at: AT });
      expect(await store().cachedLookup('14600000000012')).toEqual({
        product: milk,
        packingId: 'box',
        at: AT,
      });
      const renamed = { ...milk, name: 'Milk 2' };
      await store().cacheLookup('14600000000012', { product: renamed, at: AT });
      expect(await store().cachedLookup('14600000000012')).toEqual({ product: renamed, at: AT });
      expect(await store().cachedLookup('CELL-9')).toMatchObject({ cell: { id: 'c9' } });
      expect(await store().lookupBarcode('14600000000012')).toEqual([]);
      expect(await store().getRow('products', 'milk')).toBeUndefined();
      expect(await store().catalogChecksums()).toEqual({ products: 0, cells: 0, warehouses: 0, users: 0 });
    });

    test('dropping an entry removes that code only; dropping an absent code does nothing', async () => {
      await store().cacheLookup('14600000000012', { product: milk, packingId: 'box', at: AT });
      await store().cacheLookup('4600000000015', { product: milk, at: AT });
      await store().dropCachedLookup('14600000000012');
      await store().dropCachedLookup('NEVER-CACHED');
      expect(await store().cachedLookup('14600000000012')).toBeUndefined();
      expect(await store().cachedLookup('4600000000015')).toEqual({ product: milk, at: AT });
      await store().cacheLookup('14600000000012', { product: milk, at: AT });
      expect(await store().cachedLookup('14600000000012')).toEqual({ product: milk, at: AT });
    });

    test('a new enrollment empties the cache', async () => {
      await store().cacheLookup('4600000000015', { product: milk, at: AT });
      await store().resetForEnrollment(enrollment);
      expect(await store().cachedLookup('4600000000015')).toBeUndefined();
    });

    if (reopen) {
      test('the cache survives closing and opening again', async () => {
        await store().cacheLookup('4600000000015', { product: milk, at: AT });
        expect(await (await reopen()).cachedLookup('4600000000015')).toEqual({ product: milk, at: AT });
      });

      test('a dropped entry stays dropped after opening again', async () => {
        await store().cacheLookup('4600000000015', { product: milk, at: AT });
        await store().dropCachedLookup('4600000000015');
        expect(await (await reopen()).cachedLookup('4600000000015')).toBeUndefined();
      });
    }
  });
}
