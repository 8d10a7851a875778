// The base's storage port. SQLite (embedded, default) and PostgreSQL (scale-out) implement it and
// both must pass the contract suite in server-store.contract.ts. Every method is one transaction:
// either all of its effect is stored or none of it.
import type {
  CatalogChange,
  CatalogRow,
  CatalogTable,
  Document,
  DocumentStatus,
  DocumentType,
  Mutation,
  PushResponse,
} from '@shelfsync/protocol';

/** A document as the integration API hands it to the store: validated, plan line ids filled in. */
export type DocumentPut = Omit<Document, 'rev' | 'status' | 'facts' | 'createdAt' | 'updatedAt'>;

export interface UpsertCounts {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Catalog sequence after the upload. */
  cursor: number;
}

export interface CatalogPage {
  changes: CatalogChange[];
  cursor: number;
  hasMore: boolean;
  /** Present when hasMore is false: per-table checksums at `cursor` (protocol checksum.ts). */
  checksums?: Record<CatalogTable, number>;
}

export interface DocumentPage {
  items: Document[];
  revoked: { id: string; status: DocumentStatus; reason?: string }[];
  cursor: number;
  hasMore: boolean;
}

export interface CompletedPage {
  items: Document[];
  next: number;
  hasMore: boolean;
}

export interface DeviceRecord {
  id: string;
  name: string;
  platform?: string;
  enrolledAt: string;
  lastSeenAt?: string;
  appVersion?: string;
  protocolVersion?: number;
  backlog?: number;
  revoked: boolean;
}

export interface DeviceContact {
  at: string;
  appVersion?: string;
  protocolVersion?: number;
  backlog?: number;
  storage?: { used: number; free: number };
}

export type EnrollOutcome =
  | { ok: true; device: DeviceRecord }
  | { ok: false; reason: 'ENROLL_CODE_INVALID' | 'ENROLL_CODE_EXPIRED' | 'ENROLL_CODE_USED' };

export interface ConfigSnapshot {
  /** Content hash of the document types, e.g. `sha256:…` (first 16 hex digits). */
  version: string;
  documentTypes: DocumentType[];
}

export interface ServerStore {
  /** Creates or migrates the schema; safe to call on every start. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** A random id created with the base, stable for its life (terminals detect a replaced base). */
  baseId(): Promise<string>;

  // Settings (small key/value: the API key hash, the base name…)
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;

  // Catalogs
  /**
   * Upserts rows read from `rows` in one transaction (rows are consumed as they come; the store
   * never holds them all). `replace` deletes the table's rows absent from the upload. A row whose
   * content did not change gets no new sequence number.
   */
  upsertCatalog(
    table: CatalogTable,
    rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>,
    mode: 'merge' | 'replace',
  ): Promise<UpsertCounts>;
  /** Deletes one row (a tombstone in the change log). False when it did not exist. */
  deleteCatalogRow(table: CatalogTable, id: string): Promise<boolean>;
  getCatalogRow<T extends CatalogTable>(table: T, id: string): Promise<CatalogRow | undefined>;
  /** Ids among `ids` that are not live products. */
  missingProducts(ids: readonly string[]): Promise<string[]>;
  /**
   * Changes after `after`, oldest first, at most `limit`. Throws ShelfsyncError SYNC_MUST_REFETCH
   * when tombstones after `after` were compacted away, SYNC_CURSOR_INVALID when `after` is beyond
   * the newest sequence. For after = 0 deleted rows are not listed.
   */
  pullCatalog(after: number, limit: number): Promise<CatalogPage>;
  catalogChecksums(): Promise<{ cursor: number; checksums: Record<CatalogTable, number> }>;
  /** Drops tombstones with seq ≤ upTo; later pulls from a cursor below it must refetch. */
  compactCatalog(upTo: number): Promise<void>;

  // Documents
  /**
   * Creates or replaces documents in one transaction. Throws DOC_UNKNOWN_PRODUCT (details.missing)
   * when a line names no live product, DOC_LOCKED when a document is already past `new`/`released`.
   */
  putDocuments(docs: readonly DocumentPut[], now: string): Promise<{ created: number; replaced: number }>;
  getDocument(id: string): Promise<Document | undefined>;
  /** Cancels a document (any status but exported). Facts already received stay with it. */
  cancelDocument(id: string, reason: string | undefined, now: string): Promise<Document>;
  /** Completed, not yet acknowledged documents in completion order, after the cursor. */
  listCompleted(after: number, limit: number): Promise<CompletedPage>;
  /** Marks a completed document exported. Idempotent; DOC_NOT_FOUND / DOC_NOT_COMPLETED otherwise. */
  ackDocument(id: string, now: string): Promise<Document>;
  /** Documents this device should hold that changed after `after` (revision order), and revocations. */
  pullDocuments(deviceId: string, after: number, limit: number): Promise<DocumentPage>;

  // Mutations (DESIGN.md §5.4)
  /**
   * Applies a device's mutations in order. Each one's effect and the device's "applied up to n"
   * are stored together. n ≤ last applied → `duplicate` (with the original status); n > last + 1
   * → throws SYNC_MUTATION_GAP with details.expected; a business-rule refusal is recorded as
   * `rejected` and the batch goes on.
   */
  applyMutations(deviceId: string, mutations: readonly Mutation[], now: string): Promise<PushResponse>;
  lastMutation(deviceId: string): Promise<number>;

  // Devices and enrollment
  createEnrollment(codeHash: string, expiresAt: string, now: string): Promise<void>;
  /** Consumes a code and registers the device in one transaction. */
  enrollDevice(
    codeHash: string,
    device: { id: string; tokenHash: string; name: string; platform?: string },
    now: string,
  ): Promise<EnrollOutcome>;
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined>;
  recordContact(deviceId: string, contact: DeviceContact): Promise<void>;
  listDevices(): Promise<DeviceRecord[]>;
  /** Revokes a device: its token stops being accepted until it enrolls again. False when unknown. */
  revokeDevice(deviceId: string): Promise<boolean>;

  // Configuration
  /** Document types in force; the shipped defaults until an admin stores others. */
  getConfig(): Promise<ConfigSnapshot>;
  putDocumentTypes(types: readonly DocumentType[]): Promise<ConfigSnapshot>;
}
