// The chosen layout as the app runs it: IdbTerminalStore fed pull pages of protocol changes, "ready"
// once catalogChecksums() (what the sync loop asks after the last page) returns, and a scan costing
// lookupBarcode + getRow as barcode-resolver.ts does.
import type { CatalogChange } from '@shelfsync/protocol';
import { IdbTerminalStore } from '../../src/storage/idb-terminal-store.js';
import type { BenchLayout } from './bench-layout.js';
import { type BenchProduct, productPage } from './generate-products.js';

export class IdbStoreLayout implements BenchLayout {
  private store: IdbTerminalStore | undefined;

  async open(): Promise<void> {
    this.store = await IdbTerminalStore.open('bench-store');
  }

  async writePage(from: number, to: number): Promise<void> {
    const changes: CatalogChange[] = productPage(from, to).map((row, i) => ({
      op: 'put',
      table: 'products',
      id: row.id,
      seq: from + i + 1,
      row: row as unknown as Record<string, unknown>,
    }));
    await this.store!.applyPullPage({ changes, catalogCursor: to, documents: [], revoked: [], docCursor: 0 });
  }

  async finish(): Promise<void> {
    await this.store!.catalogChecksums();
  }

  async lookup(code: string): Promise<BenchProduct | undefined> {
    const [hit] = await this.store!.lookupBarcode(code);
    if (!hit) return undefined;
    return (await this.store!.getRow('products', hit.productId)) as unknown as BenchProduct | undefined;
  }

  /** The first 50 products in id order, as a product list screen would ask. */
  async listFirstPage(): Promise<void> {
    await this.store!.listRows('products', { limit: 50 });
  }

  close(): void {
    void this.store?.close();
  }
}
