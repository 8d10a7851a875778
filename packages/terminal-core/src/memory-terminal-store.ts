// TerminalStore kept in memory: for tests and for a browser that refuses persistent storage. Values
// are held as JSON text like a real store would, so callers never share objects with it. Each method
// first prepares everything that can fail, then commits with plain map writes that cannot.
import {
  addChecksum,
  CATALOG_TABLES,
  type CatalogRowByTable,
  type CatalogTable,
  type Cell,
  type Document,
  type Mutation,
  type MutationDraft,
  rowChecksum,
  ShelfsyncError,
  subtractChecksum,
} from '@shelfsync/protocol';
import { type BarcodeEntry, rowBarcodes } from './catalog-barcodes.js';
import { LOOKUP_CACHE_LIMIT, type LookupCacheEntry } from './lookup-cache.js';
import { mutationDocId, rebaseDocument } from './rebase-document.js';
import type {
  BarcodeHit,
  Enrollment,
  LocalChange,
  LocalChangeResult,
  MetaKey,
  MetaValues,
  OutboxState,
  PullPage,
  Rejection,
  RowPage,
  SyncCursors,
  TerminalStore,
} from './terminal-store.js';

interface StoredRow {
  seq: number;
  json: string;
  barcodes: BarcodeEntry[];
}

type Prepared =
  | { op: 'put'; table: CatalogTable; id: string; row: StoredRow }
  | { op: 'del'; table: CatalogTable; id: string };

function emptyTables<T>(make: () => T): Record<CatalogTable, T> {
  return Object.fromEntries(CATALOG_TABLES.map((t) => [t, make()])) as Record<CatalogTable, T>;
}

export class MemoryTerminalStore implements TerminalStore {
  private meta = new Map<string, string>();
  private cursors: SyncCursors = { catalog: 0, documents: 0 };
  private rows = emptyTables(() => new Map<string, StoredRow>());
  private sums = emptyTables(() => 0);
  /** Barcode → entries, one map per table that has barcodes. */
  private index = emptyTables(() => new Map<string, BarcodeEntry[]>());
  private documents = new Map<string, string>();
  private outbox = new Map<number, { docId: string | undefined; json: string }>();
  private nextMutation = 1;
  private rejections = new Map<number, string>();
  /** Online lookup answers by code, oldest first (a Map keeps insertion order). */
  private lookupCache = new Map<string, string>();

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    const json = this.meta.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as MetaValues[K]);
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    this.meta.set(key, JSON.stringify(value));
  }

  async resetForEnrollment(enrollment: Enrollment): Promise<void> {
    const json = JSON.stringify(enrollment);
    this.meta = new Map([['enrollment', json]]);
    this.cursors = { catalog: 0, documents: 0 };
    this.dropTables(CATALOG_TABLES);
    this.documents.clear();
    this.outbox.clear();
    this.rejections.clear();
    this.nextMutation = 1;
    this.lookupCache.clear();
  }

  async getCursors(): Promise<SyncCursors> {
    return { ...this.cursors };
  }

  async applyPullPage(page: PullPage): Promise<void> {
    const prepared: Prepared[] = page.changes.map((c) =>
      c.op === 'del'
        ? { op: 'del', table: c.table, id: c.id }
        : {
            op: 'put',
            table: c.table,
            id: c.id,
            row: { seq: c.seq, json: JSON.stringify(c.row), barcodes: rowBarcodes(c.table, c.id, c.row) },
          },
    );
    const docs = page.documents.map((d) => [d.id, JSON.stringify(rebaseDocument(d, this.pendingFor(d.id)))]);
    for (const p of prepared) {
      if (p.op === 'put') this.putRow(p.table, p.id, p.row);
      else this.deleteRow(p.table, p.id);
    }
    for (const [id, json] of docs) this.documents.set(id as string, json as string);
    for (const r of page.revoked) this.documents.delete(r.id);
    this.cursors = { catalog: page.catalogCursor, documents: page.docCursor };
  }

  async resetCatalog(tables: readonly CatalogTable[] = CATALOG_TABLES): Promise<void> {
    this.dropTables(tables);
    this.cursors = { ...this.cursors, catalog: 0 };
  }

  async resetDocumentCursor(): Promise<void> {
    this.cursors = { ...this.cursors, documents: 0 };
  }

  async lookupBarcode(code: string): Promise<BarcodeHit[]> {
    return (this.index.products.get(code) ?? []).map((e) =>
      e.packingId === undefined ? { productId: e.id } : { productId: e.id, packingId: e.packingId },
    );
  }

  async cacheLookup(code: string, entry: LookupCacheEntry): Promise<void> {
    const json = JSON.stringify(entry);
    this.lookupCache.delete(code);
    this.lookupCache.set(code, json);
    for (const oldest of this.lookupCache.keys()) {
      if (this.lookupCache.size <= LOOKUP_CACHE_LIMIT) break;
      this.lookupCache.delete(oldest);
    }
  }

  async cachedLookup(code: string): Promise<LookupCacheEntry | undefined> {
    const json = this.lookupCache.get(code);
    return json === undefined ? undefined : (JSON.parse(json) as LookupCacheEntry);
  }

  async dropCachedLookup(code: string): Promise<void> {
    this.lookupCache.delete(code);
  }

  async findCellByBarcode(code: string): Promise<Cell | undefined> {
    const entry = this.index.cells.get(code)?.[0];
    return entry ? this.getRow('cells', entry.id) : undefined;
  }

  async getRow<T extends CatalogTable>(table: T, id: string): Promise<CatalogRowByTable[T] | undefined> {
    const row = this.rows[table].get(id);
    return row ? (JSON.parse(row.json) as CatalogRowByTable[T]) : undefined;
  }

  async listRows<T extends CatalogTable>(
    table: T,
    opts: { after?: string; limit: number },
  ): Promise<RowPage<CatalogRowByTable[T]>> {
    const after = opts.after;
    const ids = [...this.rows[table].keys()].filter((id) => after === undefined || id > after).sort();
    const taken = ids.slice(0, opts.limit);
    const rows = taken.map((id) => JSON.parse(this.rows[table].get(id)!.json) as CatalogRowByTable[T]);
    const last = taken[taken.length - 1];
    return ids.length > opts.limit && last !== undefined ? { rows, next: last } : { rows };
  }

  async catalogChecksums(): Promise<Record<CatalogTable, number>> {
    return { ...this.sums };
  }

  async catalogCount(): Promise<Record<CatalogTable, number>> {
    return Object.fromEntries(CATALOG_TABLES.map((t) => [t, this.rows[t].size])) as Record<
      CatalogTable,
      number
    >;
  }

  async getDocument(id: string): Promise<Document | undefined> {
    const json = this.documents.get(id);
    return json === undefined ? undefined : (JSON.parse(json) as Document);
  }

  async listDocuments(): Promise<Document[]> {
    return [...this.documents.keys()].sort().map((id) => JSON.parse(this.documents.get(id)!) as Document);
  }

  async recordLocalChange<R>(
    docId: string,
    change: (doc: Document) => LocalChange<R>,
  ): Promise<LocalChangeResult<R>> {
    const current = await this.getDocument(docId);
    if (!current) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { docId });
    const decided = change(current);
    const docJson = decided.doc ? JSON.stringify(decided.doc) : undefined;
    const mutations = (decided.mutations ?? []).map(
      (draft, i) => ({ ...draft, n: this.nextMutation + i }) as Mutation,
    );
    const entries = mutations.map((m) => ({ n: m.n, docId: mutationDocId(m), json: JSON.stringify(m) }));
    // Commit: nothing below can throw.
    if (docJson !== undefined) this.documents.set(docId, docJson);
    for (const e of entries) this.outbox.set(e.n, { docId: e.docId, json: e.json });
    this.nextMutation += entries.length;
    return { result: decided.result, mutations: entries.map((e) => JSON.parse(e.json) as Mutation) };
  }

  async createLocalDocument(doc: Document, mutation: MutationDraft): Promise<Mutation> {
    if (this.documents.has(doc.id)) throw new ShelfsyncError('DOC_LOCKED', undefined, { docId: doc.id });
    const docJson = JSON.stringify(doc);
    const numbered = { ...mutation, n: this.nextMutation } as Mutation;
    const json = JSON.stringify(numbered);
    // Commit: nothing below can throw.
    this.documents.set(doc.id, docJson);
    this.outbox.set(numbered.n, { docId: mutationDocId(numbered), json });
    this.nextMutation += 1;
    return JSON.parse(json) as Mutation;
  }

  async pendingMutations(limit: number): Promise<Mutation[]> {
    return [...this.outbox.values()].slice(0, limit).map((e) => JSON.parse(e.json) as Mutation);
  }

  async outboxState(): Promise<OutboxState> {
    return { next: this.nextMutation, pending: this.outbox.size };
  }

  async ackMutations(upTo: number, rejections: readonly Rejection[] = []): Promise<void> {
    const prepared = rejections.map((r) => [r.mutation.n, JSON.stringify(r)] as const);
    for (const n of [...this.outbox.keys()]) if (n <= upTo) this.outbox.delete(n);
    for (const [n, json] of prepared) this.rejections.set(n, json);
  }

  async listRejections(): Promise<Rejection[]> {
    return [...this.rejections.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, json]) => JSON.parse(json) as Rejection);
  }

  async dismissRejections(upTo: number): Promise<void> {
    for (const n of [...this.rejections.keys()]) if (n <= upTo) this.rejections.delete(n);
  }

  async close(): Promise<void> {}

  private pendingFor(docId: string): Mutation[] {
    return [...this.outbox.values()]
      .filter((e) => e.docId === docId)
      .map((e) => JSON.parse(e.json) as Mutation);
  }

  private putRow(table: CatalogTable, id: string, row: StoredRow): void {
    if (this.rows[table].get(id)?.seq === row.seq) return; // the same version again
    this.deleteRow(table, id);
    this.rows[table].set(id, row);
    this.sums[table] = addChecksum(this.sums[table], rowChecksum(id, row.seq));
    for (const e of row.barcodes) {
      const list = this.index[table].get(e.code);
      if (list) list.push(e);
      else this.index[table].set(e.code, [e]);
    }
  }

  private deleteRow(table: CatalogTable, id: string): void {
    const old = this.rows[table].get(id);
    if (!old) return;
    this.rows[table].delete(id);
    this.sums[table] = subtractChecksum(this.sums[table], rowChecksum(id, old.seq));
    for (const e of old.barcodes) {
      const rest = (this.index[table].get(e.code) ?? []).filter((x) => x.id !== id);
      if (rest.length > 0) this.index[table].set(e.code, rest);
      else this.index[table].delete(e.code);
    }
  }

  private dropTables(tables: readonly CatalogTable[]): void {
    for (const t of tables) {
      this.rows[t].clear();
      this.index[t].clear();
      this.sums[t] = 0;
    }
  }
}
