// TerminalStore on SQLite (better-sqlite3) for the virtual terminal and Node tools. Each method is one
// SQLite transaction with prepared statements; a pull page of thousands of rows is a single commit.

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
import Database from 'better-sqlite3';
import { SqliteCatalogWriter } from './sqlite-catalog-writer.js';
import { SqliteLookupCache } from './sqlite-lookup-cache.js';
import { openSqliteDb, type SqliteDb } from './sqlite-terminal-schema.js';

/** Meta keys the store keeps for itself, beside the public MetaValues. */
const CATALOG_CURSOR = '#catalogCursor';
const DOC_CURSOR = '#docCursor';
const NEXT_MUTATION = '#nextMutation';

export function openSqliteTerminalStore(file: string): SqliteTerminalStore {
  return new SqliteTerminalStore(openSqliteDb(file));
}

export class SqliteTerminalStore implements TerminalStore {
  private readonly catalog: SqliteCatalogWriter;
  private readonly lookupCache: SqliteLookupCache;
  private readonly stmt;

  constructor(private readonly db: SqliteDb) {
    this.catalog = new SqliteCatalogWriter(db);
    this.lookupCache = new SqliteLookupCache(db);
    this.stmt = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      getDoc: db.prepare<[string], { doc: string }>('SELECT doc FROM documents WHERE id = ?'),
      putDoc: db.prepare<[string, string]>('INSERT OR REPLACE INTO documents (id, doc) VALUES (?, ?)'),
      delDoc: db.prepare<[string]>('DELETE FROM documents WHERE id = ?'),
      listDocs: db.prepare<[], { doc: string }>('SELECT doc FROM documents ORDER BY id'),
      pendingForDoc: db.prepare<[string], { mutation: string }>(
        'SELECT mutation FROM outbox WHERE doc_id = ? ORDER BY n',
      ),
      addOutbox: db.prepare<[number, string | null, string]>(
        'INSERT INTO outbox (n, doc_id, mutation) VALUES (?, ?, ?)',
      ),
      pending: db.prepare<[number], { mutation: string }>('SELECT mutation FROM outbox ORDER BY n LIMIT ?'),
      outboxCount: db.prepare<[], { c: number }>('SELECT count(*) AS c FROM outbox'),
      ack: db.prepare<[number]>('DELETE FROM outbox WHERE n <= ?'),
      addRejection: db.prepare<[number, string]>(
        'INSERT OR REPLACE INTO rejections (n, rejection) VALUES (?, ?)',
      ),
      listRejections: db.prepare<[], { rejection: string }>('SELECT rejection FROM rejections ORDER BY n'),
      dismissRejections: db.prepare<[number]>('DELETE FROM rejections WHERE n <= ?'),
    };
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    return this.readMeta<MetaValues[K]>(key);
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    this.write(() => this.stmt.setMeta.run(key, JSON.stringify(value)));
  }

  async resetForEnrollment(enrollment: Enrollment): Promise<void> {
    this.write(() => {
      for (const table of ['meta', 'documents', 'outbox', 'rejections']) this.db.exec(`DELETE FROM ${table}`);
      this.catalog.reset(CATALOG_TABLES);
      this.lookupCache.clear();
      this.stmt.setMeta.run('enrollment', JSON.stringify(enrollment));
    });
  }

  async getCursors(): Promise<SyncCursors> {
    return {
      catalog: this.readMeta<number>(CATALOG_CURSOR) ?? 0,
      documents: this.readMeta<number>(DOC_CURSOR) ?? 0,
    };
  }

  async applyPullPage(page: PullPage): Promise<void> {
    // A pull page lost to a power cut is simply pulled again (its cursor goes with it), so it need
    // not wait for fsync; the next FULL commit (a scan) syncs the WAL, earlier frames included.
    this.db.pragma('synchronous = NORMAL');
    try {
      this.writePullPage(page);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  private writePullPage(page: PullPage): void {
    this.write(() => {
      this.catalog.apply(page.changes);
      for (const doc of page.documents) {
        const pending = this.stmt.pendingForDoc.all(doc.id).map((r) => JSON.parse(r.mutation) as Mutation);
        this.stmt.putDoc.run(doc.id, JSON.stringify(rebaseDocument(doc, pending)));
      }
      for (const r of page.revoked) this.stmt.delDoc.run(r.id);
      this.stmt.setMeta.run(CATALOG_CURSOR, String(page.catalogCursor));
      this.stmt.setMeta.run(DOC_CURSOR, String(page.docCursor));
    });
  }

  async resetCatalog(tables: readonly CatalogTable[] = CATALOG_TABLES): Promise<void> {
    this.write(() => {
      this.catalog.reset(tables);
      this.stmt.setMeta.run(CATALOG_CURSOR, '0');
    });
  }

  async resetDocumentCursor(): Promise<void> {
    this.write(() => this.stmt.setMeta.run(DOC_CURSOR, '0'));
  }

  async lookupBarcode(code: string): Promise<BarcodeHit[]> {
    return this.catalog
      .lookup('products', code)
      .map((e) => (e.packing ? { productId: e.id, packingId: e.packing } : { productId: e.id }));
  }

  async cacheLookup(code: string, entry: LookupCacheEntry): Promise<void> {
    this.write(() => this.lookupCache.put(code, entry));
  }

  async cachedLookup(code: string): Promise<LookupCacheEntry | undefined> {
    return this.lookupCache.get(code);
  }

  async dropCachedLookup(code: string): Promise<void> {
    this.write(() => this.lookupCache.delete(code));
  }

  async findCellByBarcode(code: string): Promise<Cell | undefined> {
    const hit = this.catalog.lookup('cells', code)[0];
    return hit ? this.getRow('cells', hit.id) : undefined;
  }

  async getRow<T extends CatalogTable>(table: T, id: string): Promise<CatalogRowByTable[T] | undefined> {
    return this.catalog.get(table, id) as CatalogRowByTable[T] | undefined;
  }

  async listRows<T extends CatalogTable>(
    table: T,
    opts: { after?: string; limit: number },
  ): Promise<RowPage<CatalogRowByTable[T]>> {
    const page = this.catalog.list(table, opts.after, opts.limit);
    return page as RowPage<CatalogRowByTable[T]>;
  }

  async catalogChecksums(): Promise<Record<CatalogTable, number>> {
    return this.catalog.totals().sums;
  }

  async catalogCount(): Promise<Record<CatalogTable, number>> {
    return this.catalog.totals().counts;
  }

  async getDocument(id: string): Promise<Document | undefined> {
    const row = this.stmt.getDoc.get(id);
    return row ? (JSON.parse(row.doc) as Document) : undefined;
  }

  async listDocuments(): Promise<Document[]> {
    return this.stmt.listDocs.all().map((r) => JSON.parse(r.doc) as Document);
  }

  async recordLocalChange<R>(
    docId: string,
    change: (doc: Document) => LocalChange<R>,
  ): Promise<LocalChangeResult<R>> {
    return this.write(() => {
      const row = this.stmt.getDoc.get(docId);
      if (!row) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { docId });
      const decided = change(JSON.parse(row.doc) as Document);
      if (decided.doc) this.stmt.putDoc.run(docId, JSON.stringify(decided.doc));
      let next = this.readMeta<number>(NEXT_MUTATION) ?? 1;
      const mutations: Mutation[] = [];
      for (const draft of decided.mutations ?? []) {
        const m = { ...draft, n: next++ } as Mutation;
        const json = JSON.stringify(m);
        this.stmt.addOutbox.run(m.n, mutationDocId(m) ?? null, json);
        mutations.push(JSON.parse(json) as Mutation);
      }
      this.stmt.setMeta.run(NEXT_MUTATION, String(next));
      return { result: decided.result, mutations };
    });
  }

  async createLocalDocument(doc: Document, mutation: MutationDraft): Promise<Mutation> {
    return this.write(() => {
      if (this.stmt.getDoc.get(doc.id)) throw new ShelfsyncError('DOC_LOCKED', undefined, { docId: doc.id });
      this.stmt.putDoc.run(doc.id, JSON.stringify(doc));
      const n = this.readMeta<number>(NEXT_MUTATION) ?? 1;
      const json = JSON.stringify({ ...mutation, n });
      this.stmt.addOutbox.run(n, doc.id, json);
      this.stmt.setMeta.run(NEXT_MUTATION, String(n + 1));
      return JSON.parse(json) as Mutation;
    });
  }

  async pendingMutations(limit: number): Promise<Mutation[]> {
    return this.stmt.pending.all(limit).map((r) => JSON.parse(r.mutation) as Mutation);
  }

  async outboxState(): Promise<OutboxState> {
    return { next: this.readMeta<number>(NEXT_MUTATION) ?? 1, pending: this.stmt.outboxCount.get()?.c ?? 0 };
  }

  async ackMutations(upTo: number, rejections: readonly Rejection[] = []): Promise<void> {
    this.write(() => {
      for (const r of rejections) this.stmt.addRejection.run(r.mutation.n, JSON.stringify(r));
      this.stmt.ack.run(upTo);
    });
  }

  async listRejections(): Promise<Rejection[]> {
    return this.stmt.listRejections.all().map((r) => JSON.parse(r.rejection) as Rejection);
  }

  async dismissRejections(upTo: number): Promise<void> {
    this.write(() => this.stmt.dismissRejections.run(upTo));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /**
   * Runs `fn` as one transaction. SQLite's own failures (disk full, I/O error, locked too long)
   * become TERMINAL_STORAGE, which tells the operator what to do; anything else passes through.
   */
  private write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (error) {
      if (!(error instanceof Database.SqliteError)) throw error;
      throw new ShelfsyncError('TERMINAL_STORAGE', undefined, { sqlite: error.code, reason: error.message });
    }
  }

  private readMeta<T>(key: string): T | undefined {
    const row = this.stmt.getMeta.get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }
}
