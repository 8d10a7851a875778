// TerminalStore on IndexedDB, the browser adapter chosen by measurement (docs/terminal-storage.md):
// the catalog in the compact chunked layout; documents, outbox, rejections and the online-lookup
// cache one record each (they are few). Every change is one IndexedDB transaction (catalog merges
// may follow in their own, changing no content); anything that can throw while serialising runs
// before the transaction opens, or aborts it.
import {
  CATALOG_TABLES,
  type CatalogRowByTable,
  type CatalogTable,
  type Cell,
  type Document,
  type Mutation,
  type MutationDraft,
  ShelfsyncError,
} from '@shelfsync/protocol';
import {
  type BarcodeHit,
  type Enrollment,
  type LocalChange,
  type LocalChangeResult,
  type LookupCacheEntry,
  type MetaKey,
  type MetaValues,
  mutationDocId,
  type OutboxState,
  type PullPage,
  type Rejection,
  type RowPage,
  rebaseDocument,
  type SyncCursors,
  type TerminalStore,
} from '@shelfsync/terminal-core';
import {
  CATALOG_STORES,
  type CatalogWrite,
  clearCatalogTable,
  createCatalogStores,
  readTableMeta,
  tableMetaKey,
} from './chunked-catalog.js';
import * as catalog from './idb-catalog.js';
import { cachedLookup, cacheLookup, createLookupStore, dropCachedLookup } from './idb-lookup-cache.js';
import { committed, done, openDatabase } from './idb-request.js';

const RECORD_STORES = ['documents', 'outbox', 'rejections'];
const ALL_STORES = [...CATALOG_STORES, ...RECORD_STORES, 'lookups'];
const CURSORS = 'cursors';
const NEXT_MUTATION = 'outbox:next';
const metaKey = (key: MetaKey): string => `meta:${key}`;

/** Rolls back; a transaction that already failed on its own cannot be aborted twice. */
function abortQuietly(tx: IDBTransaction): void {
  try {
    tx.abort();
  } catch {
    // already finished: nothing was committed by the failing call
  }
}

interface OutboxEntry {
  docId: string | undefined;
  json: string;
}

export class IdbTerminalStore implements TerminalStore {
  private readonly state = new catalog.CatalogReadState();
  /** Tells other instances on this origin (another tab) that the catalog changed under them. */
  private readonly peers: BroadcastChannel;

  private constructor(
    private readonly db: IDBDatabase,
    name: string,
  ) {
    this.peers = new BroadcastChannel(`shelfsync-idb:${name}`);
    this.peers.onmessage = () => this.state.forget();
  }

  /**
   * Wraps every catalog write: forget what this instance knew before the transaction starts (a read
   * queued behind it must not trust it), and tell the other instances once it has committed.
   */
  private async changingCatalog<T>(write: () => Promise<T>): Promise<T> {
    this.state.forget();
    try {
      return await write();
    } finally {
      this.peers.postMessage('catalog');
    }
  }

  static async open(name = 'shelfsync-terminal'): Promise<IdbTerminalStore> {
    // Version 2 added the online lookup cache; the upgrade creates whatever store is missing.
    const db = await openDatabase(name, 2, (d) => {
      createCatalogStores(d);
      for (const store of RECORD_STORES) if (!d.objectStoreNames.contains(store)) d.createObjectStore(store);
      createLookupStore(d);
    });
    // A newer app version in another tab must be able to upgrade the schema; this one then stops.
    db.onversionchange = () => db.close();
    return new IdbTerminalStore(db, name);
  }

  private async read<T>(store: string, key: IDBValidKey): Promise<T | undefined> {
    return (await done(this.db.transaction([store], 'readonly').objectStore(store).get(key))) as
      | T
      | undefined;
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    const json = await this.read<string>('meta', metaKey(key));
    return json === undefined ? undefined : (JSON.parse(json) as MetaValues[K]);
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    const json = JSON.stringify(value);
    const tx = this.db.transaction(['meta'], 'readwrite');
    tx.objectStore('meta').put(json, metaKey(key));
    await committed(tx);
  }

  resetForEnrollment(enrollment: Enrollment): Promise<void> {
    return this.changingCatalog(() => this.clearAll(enrollment));
  }

  private async clearAll(enrollment: Enrollment): Promise<void> {
    const json = JSON.stringify(enrollment);
    const tx = this.db.transaction(ALL_STORES, 'readwrite');
    const counters = await Promise.all(CATALOG_TABLES.map((t) => readTableMeta(tx, t)));
    for (const store of ALL_STORES) tx.objectStore(store).clear();
    // Chunk counters survive so row references are never reused (see clearCatalogTable).
    const meta = tx.objectStore('meta');
    for (const [i, table] of CATALOG_TABLES.entries()) {
      meta.put({ ...counters[i], pendingPages: 0 }, tableMetaKey(table));
    }
    meta.put(json, metaKey('enrollment'));
    await committed(tx);
  }

  async getCursors(): Promise<SyncCursors> {
    return (await this.read<SyncCursors>('meta', CURSORS)) ?? { catalog: 0, documents: 0 };
  }

  async applyPullPage(page: PullPage): Promise<void> {
    const prepared = catalog.prepareChanges(page.changes);
    if (prepared.size === 0) {
      await this.writePage(page, prepared);
      return;
    }
    const pending = await this.changingCatalog(() => this.writePage(page, prepared));
    for (const [table, pages] of pending) {
      if (pages >= catalog.COMPACT_AFTER_PAGES) await catalog.compact(this.db, table, this.state);
      else this.state.setPending(table, pages);
    }
  }

  /** One transaction: catalog rows, documents rebased on the outbox, both cursors. */
  private async writePage(
    page: PullPage,
    prepared: Map<CatalogTable, CatalogWrite[]>,
  ): Promise<Map<CatalogTable, number>> {
    const tx = this.db.transaction(ALL_STORES, 'readwrite');
    let pending: Map<CatalogTable, number>;
    try {
      const outbox = page.documents.length > 0 ? await this.outboxEntries(tx) : [];
      const docs = page.documents.map((d) => {
        const pending = outbox.filter((e) => e.docId === d.id).map((e) => JSON.parse(e.json) as Mutation);
        return [d.id, JSON.stringify(rebaseDocument(d, pending))] as const;
      });
      pending = await catalog.writeChanges(tx, prepared);
      const documents = tx.objectStore('documents');
      for (const [id, json] of docs) documents.put(json, id);
      for (const r of page.revoked) documents.delete(r.id);
      tx.objectStore('meta').put({ catalog: page.catalogCursor, documents: page.docCursor }, CURSORS);
    } catch (e) {
      abortQuietly(tx);
      throw e;
    }
    await committed(tx);
    return pending;
  }

  resetCatalog(tables: readonly CatalogTable[] = CATALOG_TABLES): Promise<void> {
    return this.changingCatalog(() => this.clearTables(tables));
  }

  private async clearTables(tables: readonly CatalogTable[]): Promise<void> {
    const tx = this.db.transaction([...CATALOG_STORES], 'readwrite');
    const meta = tx.objectStore('meta');
    const cursors = ((await done(meta.get(CURSORS))) as SyncCursors | undefined) ?? {
      catalog: 0,
      documents: 0,
    };
    for (const table of tables) await clearCatalogTable(tx, table);
    meta.put({ ...cursors, catalog: 0 }, CURSORS);
    await committed(tx);
  }

  async resetDocumentCursor(): Promise<void> {
    const tx = this.db.transaction(['meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    const cursors = ((await done(meta.get(CURSORS))) as SyncCursors | undefined) ?? {
      catalog: 0,
      documents: 0,
    };
    meta.put({ ...cursors, documents: 0 }, CURSORS);
    await committed(tx);
  }

  lookupBarcode(code: string): Promise<BarcodeHit[]> {
    return catalog.lookupProducts(this.db, code, this.state);
  }

  cacheLookup(code: string, entry: LookupCacheEntry): Promise<void> {
    return cacheLookup(this.db, code, entry);
  }

  cachedLookup(code: string): Promise<LookupCacheEntry | undefined> {
    return cachedLookup(this.db, code);
  }

  dropCachedLookup(code: string): Promise<void> {
    return dropCachedLookup(this.db, code);
  }

  findCellByBarcode(code: string): Promise<Cell | undefined> {
    return catalog.findRowByCode(this.db, 'cells', code, this.state);
  }

  getRow<T extends CatalogTable>(table: T, id: string): Promise<CatalogRowByTable[T] | undefined> {
    return catalog.getRow(this.db, table, id, this.state);
  }

  listRows<T extends CatalogTable>(
    table: T,
    opts: { after?: string; limit: number },
  ): Promise<RowPage<CatalogRowByTable[T]>> {
    return catalog.listRows(this.db, table, opts, this.state);
  }

  async catalogChecksums(): Promise<Record<CatalogTable, number>> {
    const stats = await catalog.catalogStats(this.db, this.state);
    return Object.fromEntries(CATALOG_TABLES.map((t) => [t, stats[t].sum])) as Record<CatalogTable, number>;
  }

  async catalogCount(): Promise<Record<CatalogTable, number>> {
    const stats = await catalog.catalogStats(this.db, this.state);
    return Object.fromEntries(CATALOG_TABLES.map((t) => [t, stats[t].count])) as Record<CatalogTable, number>;
  }

  async getDocument(id: string): Promise<Document | undefined> {
    const json = await this.read<string>('documents', id);
    return json === undefined ? undefined : (JSON.parse(json) as Document);
  }

  async listDocuments(): Promise<Document[]> {
    const store = this.db.transaction(['documents'], 'readonly').objectStore('documents');
    return ((await done(store.getAll())) as string[]).map((json) => JSON.parse(json) as Document);
  }

  async recordLocalChange<R>(
    docId: string,
    change: (doc: Document) => LocalChange<R>,
  ): Promise<LocalChangeResult<R>> {
    const tx = this.db.transaction(['documents', 'outbox', 'meta'], 'readwrite');
    let result: LocalChangeResult<R>;
    try {
      const [json, next] = await Promise.all([
        done(tx.objectStore('documents').get(docId)) as Promise<string | undefined>,
        done(tx.objectStore('meta').get(NEXT_MUTATION)) as Promise<number | undefined>,
      ]);
      if (json === undefined) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { docId });
      const first = next ?? 1;
      const decided = change(JSON.parse(json) as Document);
      const docJson = decided.doc ? JSON.stringify(decided.doc) : undefined;
      const entries = (decided.mutations ?? []).map((draft, i) => {
        const mutation = { ...draft, n: first + i } as Mutation;
        return { n: mutation.n, docId: mutationDocId(mutation), json: JSON.stringify(mutation) };
      });
      if (docJson !== undefined) tx.objectStore('documents').put(docJson, docId);
      const outbox = tx.objectStore('outbox');
      for (const e of entries) outbox.put({ docId: e.docId, json: e.json } satisfies OutboxEntry, e.n);
      tx.objectStore('meta').put(first + entries.length, NEXT_MUTATION);
      result = { result: decided.result, mutations: entries.map((e) => JSON.parse(e.json) as Mutation) };
    } catch (e) {
      abortQuietly(tx);
      throw e;
    }
    await committed(tx);
    return result;
  }

  async createLocalDocument(doc: Document, mutation: MutationDraft): Promise<Mutation> {
    const docJson = JSON.stringify(doc);
    const tx = this.db.transaction(['documents', 'outbox', 'meta'], 'readwrite');
    let numbered: string;
    try {
      const [existing, next] = await Promise.all([
        done(tx.objectStore('documents').getKey(doc.id)),
        done(tx.objectStore('meta').get(NEXT_MUTATION)) as Promise<number | undefined>,
      ]);
      if (existing !== undefined) throw new ShelfsyncError('DOC_LOCKED', undefined, { docId: doc.id });
      const n = next ?? 1;
      numbered = JSON.stringify({ ...mutation, n });
      tx.objectStore('documents').put(docJson, doc.id);
      tx.objectStore('outbox').put({ docId: doc.id, json: numbered } satisfies OutboxEntry, n);
      tx.objectStore('meta').put(n + 1, NEXT_MUTATION);
    } catch (e) {
      abortQuietly(tx);
      throw e;
    }
    await committed(tx);
    return JSON.parse(numbered) as Mutation;
  }

  async pendingMutations(limit: number): Promise<Mutation[]> {
    const store = this.db.transaction(['outbox'], 'readonly').objectStore('outbox');
    const entries = (await done(store.getAll(null, limit))) as OutboxEntry[];
    return entries.map((e) => JSON.parse(e.json) as Mutation);
  }

  async outboxState(): Promise<OutboxState> {
    const tx = this.db.transaction(['outbox', 'meta'], 'readonly');
    const [next, pending] = await Promise.all([
      done(tx.objectStore('meta').get(NEXT_MUTATION)) as Promise<number | undefined>,
      done(tx.objectStore('outbox').count()),
    ]);
    return { next: next ?? 1, pending };
  }

  async ackMutations(upTo: number, rejections: readonly Rejection[] = []): Promise<void> {
    const prepared = rejections.map((r) => [r.mutation.n, JSON.stringify(r)] as const);
    const tx = this.db.transaction(['outbox', 'rejections'], 'readwrite');
    if (upTo >= 1) tx.objectStore('outbox').delete(IDBKeyRange.upperBound(upTo));
    for (const [n, json] of prepared) tx.objectStore('rejections').put(json, n);
    await committed(tx);
  }

  async listRejections(): Promise<Rejection[]> {
    const store = this.db.transaction(['rejections'], 'readonly').objectStore('rejections');
    return ((await done(store.getAll())) as string[]).map((json) => JSON.parse(json) as Rejection);
  }

  async dismissRejections(upTo: number): Promise<void> {
    const tx = this.db.transaction(['rejections'], 'readwrite');
    if (upTo >= 1) tx.objectStore('rejections').delete(IDBKeyRange.upperBound(upTo));
    await committed(tx);
  }

  async close(): Promise<void> {
    this.peers.close();
    this.db.close();
  }

  private async outboxEntries(tx: IDBTransaction): Promise<OutboxEntry[]> {
    return (await done(tx.objectStore('outbox').getAll())) as OutboxEntry[];
  }
}
