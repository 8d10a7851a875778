// The acceptance suite every TerminalStore adapter runs (memory, SQLite, IndexedDB): catalog replica,
// checksums, documents, outbox numbering and the atomicity of each method.
import {
  addChecksum,
  type CatalogChange,
  type Document,
  type MutationDraft,
  type Product,
  rowChecksum,
  ShelfsyncError,
} from '@shelfsync/protocol';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { recordSignInFailure, SIGN_IN_LOCKOUT, signInWait } from '../sign-in-lockout.js';
import type { Enrollment, PullPage, TerminalStore } from '../terminal-store.js';
import { lookupCacheContract } from './lookup-cache.contract.js';

export interface ContractOptions {
  /** Closes `store` and opens the same data again; durable adapters pass it. */
  reopen?: (store: TerminalStore) => Promise<TerminalStore>;
}

const AT = '2026-11-25T10:00:00.000Z';

export function product(id: string, codes: string[] = [], boxCodes: string[] = []): Product {
  const packings = boxCodes.length ? [{ id: `${id}-box`, name: 'Box', factor: 6, barcodes: boxCodes }] : [];
  return { id, name: `Product ${id}`, barcodes: codes, packings };
}

export function put(table: CatalogChange['table'], seq: number, row: { id: string }): CatalogChange {
  return { op: 'put', table, id: row.id, seq, row: row as unknown as Record<string, unknown> };
}

export function documentOf(id: string, changes: Partial<Document> = {}): Document {
  return {
    id,
    type: 'receipt',
    status: 'new',
    rev: 1,
    origin: 'accounting',
    lines: [],
    facts: [],
    ...changes,
  };
}

export function page(changes: Partial<PullPage>): PullPage {
  return { changes: [], catalogCursor: 0, documents: [], revoked: [], docCursor: 0, ...changes };
}

function factAdd(docId: string, factId: string): MutationDraft {
  return {
    kind: 'fact.add',
    at: AT,
    docId,
    fact: { id: factId, planLineId: null, productId: 'p1', qty: 1, at: AT },
  };
}

/** A row whose serialisation fails part-way, to prove a page is all-or-nothing. */
function poisoned(id: string): Record<string, unknown> {
  return Object.defineProperty({ id, name: 'poison' }, 'barcodes', {
    enumerable: true,
    get() {
      throw new Error('poisoned row');
    },
  });
}

const enrollment: Enrollment = {
  deviceId: 'dev-1',
  token: 'secret',
  baseId: 'base-1',
  urls: ['http://10.0.0.5:8080', 'http://localhost:8080'],
  enrolledAt: AT,
};

export function describeTerminalStoreContract(
  name: string,
  open: () => Promise<TerminalStore>,
  options: ContractOptions = {},
): void {
  describe(`TerminalStore contract: ${name}`, () => {
    let store: TerminalStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    test('a new store is empty and numbers from 1', async () => {
      expect(await store.getCursors()).toEqual({ catalog: 0, documents: 0 });
      expect(await store.outboxState()).toEqual({ next: 1, pending: 0 });
      expect(await store.getMeta('enrollment')).toBeUndefined();
      expect(await store.catalogCount()).toEqual({ products: 0, cells: 0, warehouses: 0, users: 0 });
      expect(await store.catalogChecksums()).toEqual({ products: 0, cells: 0, warehouses: 0, users: 0 });
    });

    test('meta values round-trip', async () => {
      await store.setMeta('enrollment', enrollment);
      await store.setMeta('config', { version: 'v1', documentTypes: [] });
      expect(await store.getMeta('enrollment')).toEqual(enrollment);
      expect(await store.getMeta('config')).toEqual({ version: 'v1', documentTypes: [] });
    });

    test('a pull page stores rows, barcode index, checksums, documents and cursors', async () => {
      await store.applyPullPage(
        page({
          changes: [
            put('products', 1, product('p1', ['111'], ['1111'])),
            put('products', 2, product('p2', ['222'])),
            put('cells', 3, { id: 'c1', name: 'A-01', barcodes: ['C-A01'] } as never),
          ],
          catalogCursor: 3,
          documents: [documentOf('d1')],
          docCursor: 7,
        }),
      );
      expect(await store.getCursors()).toEqual({ catalog: 3, documents: 7 });
      expect(await store.lookupBarcode('111')).toEqual([{ productId: 'p1' }]);
      expect(await store.lookupBarcode('1111')).toEqual([{ productId: 'p1', packingId: 'p1-box' }]);
      expect(await store.lookupBarcode('C-A01')).toEqual([]);
      expect((await store.findCellByBarcode('C-A01'))?.id).toBe('c1');
      expect(await store.findCellByBarcode('111')).toBeUndefined();
      expect((await store.getRow('products', 'p2'))?.name).toBe('Product p2');
      expect((await store.getDocument('d1'))?.status).toBe('new');
      const sums = await store.catalogChecksums();
      expect(sums.products).toBe(addChecksum(rowChecksum('p1', 1), rowChecksum('p2', 2)));
      expect(sums.cells).toBe(rowChecksum('c1', 3));
      expect(await store.catalogCount()).toMatchObject({ products: 2, cells: 1 });
    });

    test('a new row version replaces barcodes and checksum; a deletion removes them', async () => {
      await store.applyPullPage(
        page({ changes: [put('products', 1, product('p1', ['111']))], catalogCursor: 1 }),
      );
      await store.applyPullPage(
        page({
          changes: [put('products', 5, product('p1', ['555'])), put('products', 6, product('p2', ['666']))],
          catalogCursor: 6,
        }),
      );
      expect(await store.lookupBarcode('111')).toEqual([]);
      expect(await store.lookupBarcode('555')).toEqual([{ productId: 'p1' }]);
      expect((await store.catalogChecksums()).products).toBe(
        addChecksum(rowChecksum('p1', 5), rowChecksum('p2', 6)),
      );
      await store.applyPullPage(
        page({ changes: [{ op: 'del', table: 'products', id: 'p1', seq: 7 }], catalogCursor: 7 }),
      );
      expect(await store.getRow('products', 'p1')).toBeUndefined();
      expect(await store.lookupBarcode('555')).toEqual([]);
      expect((await store.catalogChecksums()).products).toBe(rowChecksum('p2', 6));
      expect((await store.catalogCount()).products).toBe(1);
    });

    test('two products may share a barcode; dropping one keeps the other', async () => {
      await store.applyPullPage(
        page({
          changes: [put('products', 1, product('a', ['777'])), put('products', 2, product('b', ['777']))],
        }),
      );
      expect(await store.lookupBarcode('777')).toEqual([{ productId: 'a' }, { productId: 'b' }]);
      await store.applyPullPage(page({ changes: [{ op: 'del', table: 'products', id: 'a', seq: 3 }] }));
      expect(await store.lookupBarcode('777')).toEqual([{ productId: 'b' }]);
    });

    test('rows page by id', async () => {
      const ids = ['p3', 'p1', 'p5', 'p2', 'p4'];
      await store.applyPullPage(page({ changes: ids.map((id, i) => put('products', i + 1, product(id))) }));
      const first = await store.listRows('products', { limit: 2 });
      expect(first.rows.map((r) => r.id)).toEqual(['p1', 'p2']);
      const rest = await store.listRows('products', { after: first.next!, limit: 10 });
      expect(rest.rows.map((r) => r.id)).toEqual(['p3', 'p4', 'p5']);
      expect(rest.next).toBeUndefined();
    });

    test('resetCatalog drops only the named tables and rewinds the catalog cursor', async () => {
      await store.applyPullPage(
        page({
          changes: [
            put('products', 1, product('p1', ['111'])),
            put('cells', 2, { id: 'c1', name: 'A', barcodes: ['CA'] } as never),
          ],
          catalogCursor: 2,
          docCursor: 4,
        }),
      );
      await store.resetCatalog(['cells']);
      expect(await store.getCursors()).toEqual({ catalog: 0, documents: 4 });
      expect(await store.findCellByBarcode('CA')).toBeUndefined();
      expect((await store.catalogChecksums()).cells).toBe(0);
      expect(await store.lookupBarcode('111')).toEqual([{ productId: 'p1' }]);
      await store.resetCatalog();
      expect(await store.catalogCount()).toMatchObject({ products: 0 });
      await store.resetDocumentCursor();
      expect(await store.getCursors()).toEqual({ catalog: 0, documents: 0 });
    });

    test('a page that fails part-way leaves nothing half-written', async () => {
      await store.applyPullPage(
        page({ changes: [put('products', 1, product('p1', ['111']))], catalogCursor: 1, docCursor: 1 }),
      );
      const before = await store.catalogChecksums();
      const bad = page({
        changes: [
          put('products', 2, product('p2', ['222'])),
          { op: 'del', table: 'products', id: 'p1', seq: 3 },
          { op: 'put', table: 'products', id: 'p9', seq: 4, row: poisoned('p9') },
        ],
        catalogCursor: 4,
        documents: [documentOf('d1')],
        docCursor: 2,
      });
      await expect(store.applyPullPage(bad)).rejects.toThrow();
      expect(await store.getCursors()).toEqual({ catalog: 1, documents: 1 });
      expect(await store.catalogChecksums()).toEqual(before);
      expect(await store.lookupBarcode('222')).toEqual([]);
      expect(await store.lookupBarcode('111')).toEqual([{ productId: 'p1' }]);
      expect(await store.getDocument('d1')).toBeUndefined();
    });

    test('revoked documents are dropped', async () => {
      await store.applyPullPage(page({ documents: [documentOf('d1'), documentOf('d2')], docCursor: 2 }));
      await store.applyPullPage(page({ revoked: [{ id: 'd1', status: 'cancelled' }], docCursor: 3 }));
      expect((await store.listDocuments()).map((d) => d.id)).toEqual(['d2']);
    });

    describe('local changes and the outbox', () => {
      beforeEach(async () => {
        await store.applyPullPage(page({ documents: [documentOf('d1'), documentOf('d2')], docCursor: 1 }));
      });

      test('numbers mutations 1, 2, 3 and stores the document with them', async () => {
        const first = await store.recordLocalChange('d1', (doc) => ({
          result: 'ok',
          doc: { ...doc, status: 'in_progress' },
          mutations: [{ kind: 'doc.start', at: AT, docId: 'd1' }, factAdd('d1', 'f1')],
        }));
        expect(first.result).toBe('ok');
        expect(first.mutations.map((m) => m.n)).toEqual([1, 2]);
        const second = await store.recordLocalChange('d2', () => ({
          result: 1,
          mutations: [factAdd('d2', 'f2')],
        }));
        expect(second.mutations.map((m) => m.n)).toEqual([3]);
        expect((await store.getDocument('d1'))?.status).toBe('in_progress');
        expect((await store.pendingMutations(10)).map((m) => [m.n, m.kind])).toEqual([
          [1, 'doc.start'],
          [2, 'fact.add'],
          [3, 'fact.add'],
        ]);
        expect((await store.pendingMutations(2)).map((m) => m.n)).toEqual([1, 2]);
        expect(await store.outboxState()).toEqual({ next: 4, pending: 3 });
      });

      test('a change that throws, or fails while writing, stores nothing and uses no number', async () => {
        const boom = () => {
          throw new Error('refused');
        };
        await expect(store.recordLocalChange('d1', boom)).rejects.toThrow('refused');
        const fact = factAdd('d1', 'f1');
        Object.defineProperty(fact, 'fact', {
          enumerable: true,
          get() {
            throw new Error('poisoned mutation');
          },
        });
        const failing = store.recordLocalChange('d1', (doc) => ({
          result: null,
          doc: { ...doc, status: 'in_progress' },
          mutations: [{ kind: 'doc.start', at: AT, docId: 'd1' }, fact],
        }));
        await expect(failing).rejects.toThrow('poisoned');
        expect((await store.getDocument('d1'))?.status).toBe('new');
        expect(await store.outboxState()).toEqual({ next: 1, pending: 0 });
        const ok = await store.recordLocalChange('d1', () => ({
          result: null,
          mutations: [factAdd('d1', 'f2')],
        }));
        expect(ok.mutations[0]?.n).toBe(1);
      });

      test('an unknown document is DOC_NOT_FOUND', async () => {
        const attempt = store.recordLocalChange('nope', () => ({ result: null }));
        await expect(attempt).rejects.toBeInstanceOf(ShelfsyncError);
        await expect(attempt).rejects.toMatchObject({ code: 'DOC_NOT_FOUND' });
      });

      test('a document made on the terminal is stored with its doc.create, numbered in line', async () => {
        await store.recordLocalChange('d1', () => ({ result: null, mutations: [factAdd('d1', 'f1')] }));
        const made = documentOf('t1', {
          type: 'inventory',
          status: 'in_progress',
          rev: 0,
          origin: 'terminal',
        });
        const create: MutationDraft = {
          kind: 'doc.create',
          at: AT,
          doc: { id: 't1', type: 'inventory', lines: [] },
        };
        expect(await store.createLocalDocument(made, create)).toEqual({ ...create, n: 2 });
        expect(await store.getDocument('t1')).toEqual(made);
        await store.recordLocalChange('t1', () => ({ result: null, mutations: [factAdd('t1', 'f2')] }));
        const again = store.createLocalDocument(made, create);
        await expect(again).rejects.toMatchObject({ code: 'DOC_LOCKED' });
        expect((await store.pendingMutations(10)).map((m) => [m.n, m.kind])).toEqual([
          [1, 'fact.add'],
          [2, 'doc.create'],
          [3, 'fact.add'],
        ]);
        // Its pending mutations belong to it: a pull of the base's copy keeps the unsent scan.
        await store.applyPullPage(page({ documents: [{ ...made, rev: 5 }], docCursor: 5 }));
        expect((await store.getDocument('t1'))?.facts.map((f) => f.id)).toEqual(['f2']);
      });

      test('acknowledgement drops only acknowledged entries; numbers are never reused', async () => {
        for (const id of ['f1', 'f2', 'f3']) {
          await store.recordLocalChange('d1', () => ({ result: null, mutations: [factAdd('d1', id)] }));
        }
        const [m1] = await store.pendingMutations(1);
        await store.ackMutations(2, [{ mutation: m1!, code: 'DOC_CANCELLED', message: 'cancelled', at: AT }]);
        await store.ackMutations(2, [{ mutation: m1!, code: 'DOC_CANCELLED', message: 'cancelled', at: AT }]);
        expect((await store.pendingMutations(10)).map((m) => m.n)).toEqual([3]);
        expect((await store.listRejections()).map((r) => [r.mutation.n, r.code])).toEqual([
          [1, 'DOC_CANCELLED'],
        ]);
        await store.ackMutations(3);
        const next = await store.recordLocalChange('d1', () => ({
          result: null,
          mutations: [factAdd('d1', 'f4')],
        }));
        expect(next.mutations[0]?.n).toBe(4);
        await store.dismissRejections(1);
        expect(await store.listRejections()).toEqual([]);
      });

      test('a pulled document keeps the facts and status still waiting in the outbox', async () => {
        await store.recordLocalChange('d1', (doc) => ({
          result: null,
          doc: {
            ...doc,
            status: 'completed',
            facts: [{ id: 'f1', planLineId: null, productId: 'p1', qty: 1, at: AT }],
          },
          mutations: [factAdd('d1', 'f1'), { kind: 'doc.complete', at: AT, docId: 'd1' }],
        }));
        await store.applyPullPage(
          page({ documents: [documentOf('d1', { rev: 2, comment: 'new' })], docCursor: 2 }),
        );
        const doc = await store.getDocument('d1');
        expect(doc?.comment).toBe('new');
        expect(doc?.status).toBe('completed');
        expect(doc?.facts.map((f) => f.id)).toEqual(['f1']);
        await store.ackMutations(2);
        await store.applyPullPage(page({ documents: [documentOf('d1', { rev: 3 })], docCursor: 3 }));
        expect((await store.getDocument('d1'))?.facts).toEqual([]);
      });

      test('enrolling again starts from nothing', async () => {
        await store.recordLocalChange('d1', () => ({ result: null, mutations: [factAdd('d1', 'f1')] }));
        await store.resetForEnrollment(enrollment);
        expect(await store.getMeta('enrollment')).toEqual(enrollment);
        expect(await store.listDocuments()).toEqual([]);
        expect(await store.outboxState()).toEqual({ next: 1, pending: 0 });
        expect(await store.getCursors()).toEqual({ catalog: 0, documents: 0 });
      });
    });

    const reopenCache = options.reopen;
    lookupCacheContract(
      () => store,
      reopenCache
        ? async () => {
            store = await reopenCache(store);
            return store;
          }
        : undefined,
    );

    if (options.reopen) {
      const reopen = options.reopen;
      test('everything written survives closing and opening again', async () => {
        await store.setMeta('enrollment', enrollment);
        await store.applyPullPage(
          page({
            changes: [put('products', 1, product('p1', ['111']))],
            catalogCursor: 1,
            documents: [documentOf('d1')],
            docCursor: 1,
          }),
        );
        await store.recordLocalChange('d1', () => ({ result: null, mutations: [factAdd('d1', 'f1')] }));
        store = await reopen(store);
        expect(await store.getMeta('enrollment')).toEqual(enrollment);
        expect(await store.getCursors()).toEqual({ catalog: 1, documents: 1 });
        expect(await store.lookupBarcode('111')).toEqual([{ productId: 'p1' }]);
        expect((await store.catalogChecksums()).products).toBe(rowChecksum('p1', 1));
        expect(await store.outboxState()).toEqual({ next: 2, pending: 1 });
      });

      test('a sign-in lockout survives closing and opening again', async () => {
        const now = Date.parse(AT);
        for (let i = 0; i <= SIGN_IN_LOCKOUT.freeFailures; i++) await recordSignInFailure(store, now);
        expect(await signInWait(store, now)).toBe(SIGN_IN_LOCKOUT.firstWaitMs);
        store = await reopen(store);
        expect(await signInWait(store, now + 1_000)).toBe(SIGN_IN_LOCKOUT.firstWaitMs - 1_000);
        // The count survived too: the next wrong try waits twice as long.
        expect(await recordSignInFailure(store, now + SIGN_IN_LOCKOUT.firstWaitMs)).toBe(
          2 * SIGN_IN_LOCKOUT.firstWaitMs,
        );
      });
    }
  });
}
