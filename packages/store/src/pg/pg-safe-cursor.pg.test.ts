// DESIGN.md §5.3 on PostgreSQL: with writers committing out of sequence order, no cursor handed out
// may pass a number still held by a transaction in flight.
import type { CatalogRow, CatalogTable } from '@shelfsync/protocol';
import { afterAll, describe, expect, test } from 'vitest';
import { product, pullAll, Replica } from '../testing/contract/fixtures.js';
import { PgTestSchemas, pgUnreachable } from '../testing/pg-test-database.js';

const unreachable = await pgUnreachable();
const schemas = new PgTestSchemas();
afterAll(() => schemas.dropAll());
const NOW = '2026-11-25T10:00:00.000Z';

function gate(): { open: () => void; wait: Promise<void> } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, wait };
}

describe.skipIf(unreachable !== null)('PostgreSQL safe cursors', () => {
  test('a catalog pull stops below an upload still in flight, then resumes without a gap', async () => {
    const store = await schemas.open();
    const held = gate();
    try {
      const first = await store.upsertCatalog('products', [product('old')], 'merge');
      const started = gate();
      async function* slowUpload(): AsyncGenerator<CatalogRow> {
        for (let i = 0; i < 501; i++) yield product(`a${i}`);
        started.open();
        await held.wait;
        yield product('a-last');
      }
      const uploading = store.upsertCatalog('products', slowUpload(), 'merge');
      await started.wait;
      await new Promise((resolve) => setTimeout(resolve, 50));
      // A second writer on another table commits numbers above the in-flight upload's.
      await store.upsertCatalog('cells', [{ id: 'c1', name: 'A-01', barcodes: [] }], 'merge');
      const during = await store.pullCatalog(first.cursor, 1000);
      expect(during.changes).toEqual([]);
      expect(during.cursor).toBe(first.cursor);
      expect(during.checksums).toBeUndefined();
      held.open();
      await uploading;
      const replica = new Replica();
      replica.apply((await store.pullCatalog(0, 10)).changes.slice(0, 1));
      const end = await pullAll(store, replica, during.cursor, 100);
      expect(replica.rows.size).toBe(1 + 502 + 1);
      expect(end.checksums).toEqual(replica.checksums());
    } finally {
      held.open(); // never leave the writer hanging when an expectation fails
      await store.close();
    }
  });

  test('a document pull stops below a revision still in flight', async () => {
    const store = await schemas.open();
    const held = gate();
    try {
      await store.upsertCatalog('products', [product('p1')], 'merge');
      await store.putDocuments([doc('d1'), doc('d2')], NOW);
      const start = await store.pullDocuments('A', 0, 100);
      expect(start.items).toHaveLength(2);
      const reserved = gate();
      const slowCancel = store.db.write(async (tx) => {
        const rev = await tx.next('doc_rev');
        await tx.run("UPDATE documents SET status = 'cancelled', rev = $2 WHERE id = $1", ['d1', rev]);
        reserved.open();
        await held.wait;
      });
      await reserved.wait;
      await store.cancelDocument('d2', 'later revision, committed first', NOW);
      const during = await store.pullDocuments('A', start.cursor, 100);
      expect(during.revoked).toEqual([]);
      expect(during.cursor).toBe(start.cursor);
      held.open();
      await slowCancel;
      const after = await store.pullDocuments('A', during.cursor, 100);
      expect(after.revoked.map((r) => r.id)).toEqual(['d1', 'd2']);
    } finally {
      held.open();
      await store.close();
    }
  });

  test('the completed list stops below a completion still in flight', async () => {
    const store = await schemas.open();
    const held = gate();
    try {
      await store.upsertCatalog('products', [product('p1')], 'merge');
      await store.putDocuments([doc('d1'), doc('d2')], NOW);
      const reserved = gate();
      const slowComplete = store.db.write(async (tx) => {
        const seq = await tx.next('completion_seq');
        const rev = await tx.next('doc_rev');
        await tx.run(
          "UPDATE documents SET status = 'completed', completion_seq = $2, rev = $3 WHERE id = $1",
          ['d1', seq, rev],
        );
        reserved.open();
        await held.wait;
      });
      await reserved.wait;
      await store.applyMutations('A', [{ n: 1, at: NOW, kind: 'doc.complete', docId: 'd2' }], NOW);
      expect(await store.listCompleted(0, 10)).toEqual({ items: [], next: 0, hasMore: false });
      held.open();
      await slowComplete;
      expect((await store.listCompleted(0, 10)).items.map((d) => d.id)).toEqual(['d1', 'd2']);
    } finally {
      held.open();
      await store.close();
    }
  });

  test('concurrent writers on every table and a tailing reader: the replica ends exact', async () => {
    const store = await schemas.open({ maxConnections: 8 });
    try {
      const tables: CatalogTable[] = ['products', 'cells', 'warehouses', 'users'];
      let writing = true;
      const writers = tables.map(async (table, w) => {
        for (let round = 0; round < 12; round++) {
          await store.upsertCatalog(table, rowsFor(table, w, round), 'merge');
          if (round % 4 === 3) await store.deleteCatalogRow(table, `${table}-${round - 1}-0`);
        }
      });
      const replica = new Replica();
      let cursor = 0;
      const reader = (async () => {
        while (writing) {
          const page = await store.pullCatalog(cursor, 37);
          replica.apply(page.changes);
          cursor = page.cursor;
        }
      })();
      await Promise.all(writers);
      writing = false;
      await reader;
      const end = await pullAll(store, replica, cursor, 37);
      const truth = new Replica();
      await pullAll(store, truth, 0, 100_000);
      expect(replica.duplicates).toBe(0);
      expect(new Map([...replica.rows].sort())).toEqual(new Map([...truth.rows].sort()));
      expect(end.checksums).toEqual(truth.checksums());
    } finally {
      await store.close();
    }
  });
});

if (unreachable) {
  describe('PostgreSQL safe cursors', () => {
    test.skip(unreachable, () => {});
  });
}

function doc(id: string) {
  return {
    id,
    type: 'receipt',
    origin: 'accounting' as const,
    lines: [{ id: 'l1', productId: 'p1', qty: 1 }],
  };
}

/** Rows for one round, yielded with pauses so transactions of different tables interleave. */
async function* rowsFor(table: CatalogTable, writer: number, round: number): AsyncGenerator<CatalogRow> {
  for (let i = 0; i < 40; i++) {
    if (i % 7 === 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
    const id = `${table}-${round}-${i}`;
    const name = `w${writer} r${round} ${i}`;
    yield (table === 'users' ? { id, name, groups: [], warehouseIds: [] } : product(id, name)) as CatalogRow;
  }
}
