// Layout (b): the compact chunked layout from src/storage, driven as IdbTerminalStore drives it.
import { compactCatalog } from '../../src/storage/catalog-compaction.js';
import {
  CATALOG_STORES,
  type CatalogWrite,
  createCatalogStores,
  findByCode,
  readTableMeta,
  writeCatalogPage,
} from '../../src/storage/chunked-catalog.js';
import { committed, openDatabase } from '../../src/storage/idb-request.js';
import type { BenchLayout } from './bench-layout.js';
import { type BenchProduct, productPage } from './generate-products.js';

const codesOf = (row: BenchProduct): string[] => [
  ...row.barcodes,
  ...row.packings.flatMap((p) => p.barcodes),
];

export class ChunkedIdbLayout implements BenchLayout {
  private db: IDBDatabase | undefined;
  /** As in IdbTerminalStore: after a merge, lookups know no fragments are pending and skip them. */
  private fragments = true;

  async open(): Promise<void> {
    this.db = await openDatabase('bench-chunked', 1, (db) => createCatalogStores(db));
    const tx = this.db.transaction([...CATALOG_STORES], 'readonly');
    this.fragments = (await readTableMeta(tx, 'products')).pendingPages > 0;
  }

  async writePage(from: number, to: number): Promise<void> {
    const writes: CatalogWrite[] = productPage(from, to).map((row, i) => ({
      op: 'put',
      row: { id: row.id, seq: from + i + 1, json: JSON.stringify(row), codes: codesOf(row) },
    }));
    const tx = this.db!.transaction([...CATALOG_STORES], 'readwrite');
    await writeCatalogPage(tx, 'products', writes);
    tx.objectStore('meta').put(to, 'cursor');
    await committed(tx);
    this.fragments = true;
  }

  /** The store compacts when the sync loop asks for checksums after the last page; so does this. */
  async finish(): Promise<void> {
    await compactCatalog(this.db!, 'products');
    this.fragments = false;
  }

  async lookup(code: string): Promise<BenchProduct | undefined> {
    const tx = this.db!.transaction([...CATALOG_STORES], 'readonly');
    const read = (json: string) => {
      const row = JSON.parse(json) as BenchProduct;
      return { id: row.id, codes: codesOf(row), row };
    };
    return (await findByCode(tx, 'products', code, read, this.fragments))[0]?.row;
  }

  close(): void {
    this.db?.close();
  }
}
