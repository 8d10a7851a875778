// Layout (a): one IndexedDB record per product plus one per barcode; the baseline the issue warns about.
import { committed, done, openDatabase } from '../../src/storage/idb-request.js';
import type { BenchLayout } from './bench-layout.js';
import { type BenchProduct, productPage } from './generate-products.js';

export class NaiveIdbLayout implements BenchLayout {
  private db: IDBDatabase | undefined;

  async open(): Promise<void> {
    this.db = await openDatabase('bench-naive', 1, (db) => {
      db.createObjectStore('products', { keyPath: 'id' });
      db.createObjectStore('barcodes');
      db.createObjectStore('meta');
    });
  }

  async writePage(from: number, to: number): Promise<void> {
    const tx = this.db!.transaction(['products', 'barcodes', 'meta'], 'readwrite');
    const products = tx.objectStore('products');
    const barcodes = tx.objectStore('barcodes');
    for (const row of productPage(from, to)) {
      products.put(row);
      for (const code of row.barcodes) barcodes.put(row.id, code);
      for (const packing of row.packings) for (const code of packing.barcodes) barcodes.put(row.id, code);
    }
    tx.objectStore('meta').put(to, 'cursor');
    await committed(tx);
  }

  async finish(): Promise<void> {}

  async lookup(code: string): Promise<BenchProduct | undefined> {
    const tx = this.db!.transaction(['products', 'barcodes'], 'readonly');
    const id = (await done(tx.objectStore('barcodes').get(code))) as string | undefined;
    if (id === undefined) return undefined;
    return (await done(tx.objectStore('products').get(id))) as BenchProduct | undefined;
  }

  close(): void {
    this.db?.close();
  }
}
