// Where an imported CommerceML file goes: straight into a store (exchange folder, `import --data`)
// or through the REST API of a running server (`import --server`). The import logic is the same.
import type { DocumentInputSchema, Product, Warehouse } from '@shelfsync/protocol';
import type { CatalogStore, ConfigStore, DocumentStore, UpsertCounts } from '@shelfsync/store';
import type { z } from 'zod';
import { prepareDocuments } from '../document-input.js';

export type ImportedDocumentInput = z.output<typeof DocumentInputSchema>;

export type RowCounts = Pick<UpsertCounts, 'created' | 'updated' | 'unchanged' | 'deleted'>;

export interface CatalogSink {
  /** Stores streamed product rows in one transaction (merge). */
  upsertProducts(rows: AsyncIterable<Product>): Promise<RowCounts>;
  upsertWarehouses(rows: readonly Warehouse[]): Promise<void>;
  /** A committed product row (reads must not wait for an upload in progress). */
  getProduct(id: string): Promise<Product | undefined>;
  deleteProduct(id: string): Promise<boolean>;
  /**
   * Every live product as committed (a full catalog deletes those it no longer lists). Optional: a
   * sink without it keeps them, and the import says so in a warning.
   */
  listProducts?(): AsyncIterable<Product>;
  /** Stores documents in one transaction; returns how many were created or replaced. */
  putDocuments(docs: readonly ImportedDocumentInput[]): Promise<number>;
}

/** Rows per page when listing the stored products. */
const LIST_PAGE = 1000;

export function storeSink(store: CatalogStore & ConfigStore & DocumentStore, now: () => Date): CatalogSink {
  return {
    upsertProducts: (rows) => store.upsertCatalog('products', rows, 'merge'),
    upsertWarehouses: async (rows) => {
      await store.upsertCatalog('warehouses', rows, 'merge');
    },
    getProduct: async (id) => (await store.getCatalogRow('products', id)) as Product | undefined,
    deleteProduct: (id) => store.deleteCatalogRow('products', id),
    listProducts: async function* () {
      let after = 0;
      for (;;) {
        const page = await store.pullCatalog(after, LIST_PAGE);
        for (const change of page.changes) {
          if (change.op === 'put' && change.table === 'products') yield change.row as Product;
        }
        if (!page.hasMore || page.cursor === after) return;
        after = page.cursor;
      }
    },
    putDocuments: async (docs) => {
      const config = await store.getConfig();
      const prepared = prepareDocuments(docs, new Set(config.documentTypes.map((t) => t.id)));
      const put = await store.putDocuments(prepared, now().toISOString());
      return put.created + put.replaced;
    },
  };
}
