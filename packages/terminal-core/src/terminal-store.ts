// The terminal's storage port. Memory, SQLite (Node) and IndexedDB (browser) adapters implement it and
// all run the contract suite in testing/terminal-store.contract.ts. Every method is one atomic unit:
// either all of its effect is stored or none of it, so no method may span unrelated awaits.
import type {
  BarcodeSettings,
  CatalogChange,
  CatalogRowByTable,
  CatalogTable,
  Cell,
  Document,
  DocumentStatus,
  DocumentType,
  HelloApp,
  LookupConfig,
  Mutation,
  MutationDraft,
  OperatorSettings,
} from '@shelfsync/protocol';
import type { BundleState } from './bundle-state.js';
import type { LookupCacheEntry } from './lookup-cache.js';
import type { SignedInOperator } from './operator-session.js';
import type { SignInFailures } from './sign-in-lockout.js';
import type { TerminalLog } from './terminal-log.js';

/** What enrolling gave this terminal: who it is, where the base is, and its credentials. */
export interface Enrollment {
  deviceId: string;
  token: string;
  baseId: string;
  baseName?: string;
  /** Server URLs in priority order (Wi-Fi address first, then localhost over a USB cable). */
  urls: string[];
  enrolledAt: string;
}

/** Document types as the base last sent them. */
export interface TerminalConfig {
  version: string;
  documentTypes: DocumentType[];
  /** Operator settings (absent from older bases). */
  settings?: OperatorSettings | undefined;
  /** Scale and in-store label rules (absent: none). */
  barcodes?: BarcodeSettings | undefined;
}

/** Outcome of the last completed exchange, for the status line. */
export interface LastSync {
  at: string;
  pushed: number;
  pulledChanges: number;
  pulledDocuments: number;
}

/** Small values kept by key; each `setMeta` is its own transaction. */
export interface MetaValues {
  enrollment: Enrollment;
  config: TerminalConfig;
  lastSync: LastSync;
  log: TerminalLog;
  bundles: BundleState;
  /** Where each catalog table is looked up, as the base last said (hybrid lookup). */
  lookup: LookupConfig;
  /** The app version the base last offered this device's group; applied on the main screen. */
  appOffer: HelloApp;
  /** The warehouse whose catalog the base sends this terminal (null: the whole catalog). */
  warehouse: { id: string; name?: string | undefined } | null;
  operator: SignedInOperator;
  /** Wrong sign-in tries in a row and the wait they imposed (sign-in-lockout.ts). */
  signInFailures: SignInFailures;
  /** A configuration received while a document was open; applied on the main screen (null: none). */
  pendingConfig: TerminalConfig | null;
  /** The document the UI shows, so configuration waits until the operator leaves it (null: none). */
  openDocument: string | null;
}
export type MetaKey = keyof MetaValues;

export interface SyncCursors {
  /** Last catalog change sequence stored. */
  catalog: number;
  /** Last document revision stored. */
  documents: number;
}

export interface PullPage {
  /** Catalog rows, already validated by the caller against the protocol row schemas. */
  changes: readonly CatalogChange[];
  catalogCursor: number;
  documents: readonly Document[];
  revoked: readonly { id: string; status: DocumentStatus; reason?: string | undefined }[];
  docCursor: number;
}

/** A product barcode: the product, and the packing when the code is on a box. */
export interface BarcodeHit {
  productId: string;
  packingId?: string;
}

export interface RowPage<T> {
  rows: T[];
  /** Pass as `after` for the next page; undefined at the end. */
  next?: string;
}

/** A mutation the base refused for good, kept so the operator can see what was not accepted. */
export interface Rejection {
  mutation: Mutation;
  code: string;
  message: string;
  at: string;
}

/** What a local change does, decided inside the store's transaction from the current document. */
export interface LocalChange<R> {
  result: R;
  /** The document as it should be stored; omit to store nothing. */
  doc?: Document;
  /** Mutations describing the change, numbered by the store in order. */
  mutations?: readonly MutationDraft[];
}

export interface LocalChangeResult<R> {
  result: R;
  mutations: Mutation[];
}

export interface OutboxState {
  /** Number the next mutation will get. */
  next: number;
  /** Mutations waiting for acknowledgement. */
  pending: number;
}

export interface TerminalStore {
  getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined>;
  setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void>;
  /**
   * Starts over as a newly enrolled device: drops catalog, documents, outbox, rejections, cursors
   * and config, restarts mutation numbering at 1 and stores `enrollment`.
   */
  resetForEnrollment(enrollment: Enrollment): Promise<void>;

  getCursors(): Promise<SyncCursors>;
  /** Writes catalog rows, barcode index, checksums, documents and both cursors in one transaction. */
  applyPullPage(page: PullPage): Promise<void>;
  /** Drops the given tables (all when omitted) and sets the catalog cursor to 0 for a refetch. */
  resetCatalog(tables?: readonly CatalogTable[]): Promise<void>;
  /** Sets the document cursor to 0 so every document is sent again; keeps local documents. */
  resetDocumentCursor(): Promise<void>;

  lookupBarcode(code: string): Promise<BarcodeHit[]>;
  /**
   * Online lookup answers, kept apart from the replicated catalog (no effect on its rows, index or
   * checksums). Storing under a code replaces its entry; the oldest go beyond LOOKUP_CACHE_LIMIT.
   * resetForEnrollment empties it.
   */
  cacheLookup(code: string, entry: LookupCacheEntry): Promise<void>;
  cachedLookup(code: string): Promise<LookupCacheEntry | undefined>;
  /** Drops the entry under a code, once the base says it no longer knows the code; none is fine. */
  dropCachedLookup(code: string): Promise<void>;
  findCellByBarcode(code: string): Promise<Cell | undefined>;
  getRow<T extends CatalogTable>(table: T, id: string): Promise<CatalogRowByTable[T] | undefined>;
  /** Rows ordered by id, after `after`. */
  listRows<T extends CatalogTable>(
    table: T,
    opts: { after?: string; limit: number },
  ): Promise<RowPage<CatalogRowByTable[T]>>;
  /** Per-table checksums (protocol checksum.ts) of the rows stored; 0 for an empty table. */
  catalogChecksums(): Promise<Record<CatalogTable, number>>;
  catalogCount(): Promise<Record<CatalogTable, number>>;

  getDocument(id: string): Promise<Document | undefined>;
  /** Every stored document, ordered by id. */
  listDocuments(): Promise<Document[]>;
  /**
   * Reads document `docId`, lets `change` decide, then stores the new document and appends its
   * mutations to the outbox (numbered 1, 2, 3… never reused) in one transaction. `change` must be
   * synchronous and pure; if it or any write throws, nothing is stored and no number is used.
   * Throws DOC_NOT_FOUND when there is no such document.
   */
  recordLocalChange<R>(
    docId: string,
    change: (doc: Document) => LocalChange<R>,
  ): Promise<LocalChangeResult<R>>;
  /**
   * Stores a document made on this terminal and appends the mutation announcing it (numbered like
   * the others) in one transaction. Throws DOC_LOCKED when a document with this id is stored already.
   */
  createLocalDocument(doc: Document, mutation: MutationDraft): Promise<Mutation>;

  /** The oldest `limit` unacknowledged mutations, in order. */
  pendingMutations(limit: number): Promise<Mutation[]>;
  outboxState(): Promise<OutboxState>;
  /**
   * Deletes outbox entries numbered up to `upTo` (acknowledged by the base) and records the given
   * rejections, in one transaction. Rejections are kept by number, so recording one twice is harmless.
   */
  ackMutations(upTo: number, rejections?: readonly Rejection[]): Promise<void>;
  listRejections(): Promise<Rejection[]>;
  /** The operator has seen these rejections. */
  dismissRejections(upTo: number): Promise<void>;

  close(): Promise<void>;
}
