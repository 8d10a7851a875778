// Contract: the barcode index behind hybrid lookup, resolving offline unknowns at the next push, and
// stock by cell (DESIGN.md §6).
import type { FactLine, Product } from '@shelfsync/protocol';
import { describe, expect, test } from 'vitest';
import type { OpenStore } from './fixtures.js';
import { doc, NOW, numbered, useStore } from './fixtures.js';

const boxed: Product = {
  id: 'p1',
  name: 'Milk',
  barcodes: ['4600000000015'],
  packings: [{ id: 'box', name: 'Box of 6', factor: 6, barcodes: ['14600000000012'] }],
};

function unknownFact(id: string, barcode: string, qty = 1): FactLine {
  return { id, planLineId: null, productId: null, qty, barcode, unknown: true, at: NOW };
}

export function hybridContract(open: OpenStore): void {
  describe('hybrid lookup', () => {
    const store = useStore(open);

    test('findByBarcode answers products, packings and cells, and follows updates and deletions', async () => {
      await store().upsertCatalog('products', [boxed], 'merge');
      await store().upsertCatalog('cells', [{ id: 'c1', name: 'A-01', barcodes: ['CELL-A01'] }], 'merge');
      expect(await store().findByBarcode('4600000000015')).toEqual({ product: boxed });
      expect(await store().findByBarcode('14600000000012')).toEqual({ product: boxed, packingId: 'box' });
      expect(await store().findByBarcode('CELL-A01')).toMatchObject({ cell: { id: 'c1' } });
      expect(await store().findByBarcode('nope')).toEqual({});

      const renumbered = { ...boxed, barcodes: ['4600000000028'] };
      await store().upsertCatalog('products', [renumbered], 'merge');
      expect(await store().findByBarcode('4600000000015')).toEqual({});
      expect(await store().findByBarcode('4600000000028')).toEqual({ product: renumbered });
      await store().deleteCatalogRow('products', 'p1');
      expect(await store().findByBarcode('4600000000028')).toEqual({});
      expect(await store().findByBarcode('14600000000012')).toEqual({});
      await store().upsertCatalog('cells', [], 'replace');
      expect(await store().findByBarcode('CELL-A01')).toEqual({});
    });

    test('an unknown fact whose barcode the base knows is filled in on arrival; others stay unknown', async () => {
      await store().upsertCatalog('products', [boxed], 'merge');
      await store().putDocuments([doc('d1', ['p1'])], NOW);
      await store().applyMutations(
        'A',
        numbered(1, [
          { kind: 'fact.add', docId: 'd1', fact: unknownFact('f1', '14600000000012', 2) },
          { kind: 'fact.add', docId: 'd1', fact: unknownFact('f2', 'NEVER-SEEN') },
        ]),
        NOW,
      );
      const facts = (await store().getDocument('d1'))?.facts ?? [];
      expect(facts.find((f) => f.id === 'f1')).toMatchObject({
        productId: 'p1',
        packingId: 'box',
        packQty: 2,
        qty: 12,
        planLineId: 'd1-l1',
        barcode: '14600000000012',
        resolvedByBase: true,
      });
      expect(facts.find((f) => f.id === 'f1')?.unknown).toBeUndefined();
      expect(facts.find((f) => f.id === 'f2')).toMatchObject({ productId: null, unknown: true });
    });

    test('stock by cell is stored per product, warehouse and cell', async () => {
      await store().putStock(
        [
          { productId: 'p1', cellId: 'c1', warehouseId: 'w1', qty: 5 },
          { productId: 'p1', cellId: 'c2', qty: 1.5 },
          { productId: 'p2', cellId: 'c1', qty: 9 },
        ],
        NOW,
      );
      await store().putStock([{ productId: 'p1', cellId: 'c1', warehouseId: 'w1', qty: 4 }], NOW);
      expect(await store().getStock('p1')).toEqual([
        { productId: 'p1', cellId: 'c2', qty: 1.5 },
        { productId: 'p1', cellId: 'c1', warehouseId: 'w1', qty: 4 },
      ]);
      expect(await store().getStock('p3')).toEqual([]);
    });
  });
}
