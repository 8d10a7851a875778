// The base's storage ports, one per concern, and `ServerStore`, all of them together. One store
// implements them over SQLite (embedded, default) or PostgreSQL (scale-out), and both pass the
// contract suite in server-store.contract.ts. Every method is one transaction: either all of its
// effect is stored or none of it.
import type {
  AppVersion,
  AppVersionInput,
  CatalogChange,
  CatalogRow,
  CatalogTable,
  Cell,
  Document,
  DocumentStatus,
  DocumentType,
  Mutation,
  Product,
  PushResponse,
  StockRow,
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

/** An exclusive hold on a document by one device (DESIGN.md §4), as the admin API shows it. */
export interface LeaseRecord {
  docId: string;
  type: string;
  number?: string;
  status: DocumentStatus;
  deviceId: string;
  /** When this device took the document. */
  since: string;
  /** When it last sent work on it; expiry counts from here. */
  touchedAt: string;
  facts: number;
  /** Shared documents are listed with their first holder but have no exclusive lease. */
  shared: boolean;
}

/** How a terminal asks for a document: by id, by a barcode on it (a pallet label), or the next of a type. */
export type ClaimKey = { id: string } | { barcode: string } | { next: string };

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

export interface BarcodeMatch {
  product?: Product;
  /** The packing whose barcode it is, when it is on a box. */
  packingId?: string;
  cell?: Cell;
}

export interface AppAssignment {
  version: string;
  assignedAt: string;
  rolledBackAt?: string;
}

export interface GroupAppVersion {
  group: string;
  /** Absent when the group has no version assigned (terminals keep what they run). */
  current?: AppVersion;
  /** Newest first, rolled-back ones included. */
  history: AppAssignment[];
}

export interface DeviceRegistryEntry extends DeviceRecord {
  group: string;
  configVersion?: string;
  storage?: { used: number; free: number };
}

/** One file of a built app version (the PWA's index.html, scripts, service worker…). */
export interface AppFile {
  /** Relative to the app's root, e.g. `index.html` or `assets/index-3f2a.js`. */
  path: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The store's own values: the base id and the server's small key/value settings. */
export interface SettingsStore {
  /** A random id created with the base, stable for its life (terminals detect a replaced base). */
  baseId(): Promise<string>;
  /** Small key/value settings (the API key hash, bundle keys, the base name…). */
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
}

/** Catalogs and their change log (DESIGN.md §5.1, §5.2, §5.8). */
export interface CatalogStore {
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
}

/** Hybrid lookup (DESIGN.md §6) and stock by cell, kept on the base only. */
export interface LookupStore {
  /** The live product (and packing) or cell with this barcode; products win; {} when none. */
  findByBarcode(code: string): Promise<BarcodeMatch>;
  /** Upserts stock rows (a row per product, warehouse and cell); returns how many were stored. */
  putStock(rows: readonly StockRow[], now: string): Promise<number>;
  getStock(productId: string): Promise<StockRow[]>;
}

/** Documents as the accounting system and the terminals' pulls see them (DESIGN.md §4, §5.6). */
export interface DocumentStore {
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
  /**
   * Marks a completed document exported, or takes a cancelled one off the cancelled list. Idempotent;
   * DOC_NOT_FOUND / DOC_NOT_COMPLETED otherwise.
   */
  ackDocument(id: string, now: string): Promise<Document>;
  /** Cancelled documents that received facts the accounting side has not acknowledged (same cursor flow). */
  listCancelled(after: number, limit: number): Promise<CompletedPage>;
  /** Documents this device should hold that changed after `after` (revision order), and revocations. */
  pullDocuments(deviceId: string, after: number, limit: number): Promise<DocumentPage>;
}

/** Documents among terminals: leases, takeovers, claims, signed-in operators (docs/architecture.md). */
export interface LeaseStore {
  /** Documents held by a device in an open status. */
  listLeases(): Promise<LeaseRecord[]>;
  /** Returns a held document to the pool (`released`); DOC_CLOSED when it is no longer open. */
  releaseLease(id: string, now: string): Promise<Document>;
  /** Hands a document to `deviceId`; the former holder is told 'taken over' and its facts still count. */
  reassignDocument(id: string, deviceId: string, now: string): Promise<Document>;
  /** Puts back to `new` the held documents without facts last touched before `touchedBefore`. */
  expireLeases(touchedBefore: string, now: string): Promise<string[]>;
  /** Gives the matching open document to this device (DOC_NOT_FOUND, DOC_TAKEN otherwise). */
  claimDocument(deviceId: string, key: ClaimKey, now: string): Promise<Document>;
  /** The operator signed in on a device (null: nobody); it decides which assigned documents it pulls. */
  setDeviceOperator(deviceId: string, operatorId: string | null): Promise<void>;
}

/** The push: numbered mutations applied exactly once (DESIGN.md §5.4). */
export interface MutationStore {
  /**
   * Applies a device's mutations in order. Each one's effect and the device's "applied up to n"
   * are stored together. n ≤ last applied → `duplicate` (with the original status); n > last + 1
   * → throws SYNC_MUTATION_GAP with details.expected; a business-rule refusal is recorded as
   * `rejected` and the batch goes on.
   */
  applyMutations(deviceId: string, mutations: readonly Mutation[], now: string): Promise<PushResponse>;
  lastMutation(deviceId: string): Promise<number>;
  /**
   * Deletes the records of mutations applied before `appliedBefore`, except each device's newest
   * `keepPerDevice`, at most `limit` rows per call (call again while it answers `limit`); answers
   * how many were deleted. Device cursors stay, so a pruned mutation sent again is still answered
   * `duplicate` (without `original`) and changes nothing (mutation-retention.ts says why that is safe).
   */
  pruneMutations(appliedBefore: string, keepPerDevice: number, limit?: number): Promise<number>;
}

/** Devices: enrollment, tokens, contact, groups and the registry view. */
export interface DeviceStore {
  createEnrollment(codeHash: string, expiresAt: string, now: string): Promise<void>;
  /** Ends an unused code now; false when it is unknown, used or already expired. */
  revokeEnrollment(codeHash: string, now: string): Promise<boolean>;
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

  /** Moves a device to a group; throws DEVICE_NOT_FOUND. */
  setDeviceGroup(deviceId: string, group: string): Promise<void>;
  deviceGroup(deviceId: string): Promise<string>;
  /** Notes the configuration version a device reported at hello. */
  recordDeviceConfigVersion(deviceId: string, configVersion: string): Promise<void>;
  /** Devices with everything the registry shows: contact, versions, backlog, storage and group. */
  listDeviceRegistry(): Promise<DeviceRegistryEntry[]>;
}

/** Document types in force (configuration, DESIGN.md §7). */
export interface ConfigStore {
  /** Document types in force; the shipped defaults until an admin stores others. */
  getConfig(): Promise<ConfigSnapshot>;
  putDocumentTypes(types: readonly DocumentType[]): Promise<ConfigSnapshot>;
}

/** Terminal app versions and their rollout per device group (DESIGN.md §7). */
export interface AppStore {
  /** Stores an app version's metadata; storing the same version again replaces its notes. */
  putAppVersion(input: AppVersionInput & { notes: string }, now: string): Promise<AppVersion>;
  listAppVersions(): Promise<AppVersion[]>;
  /** Makes `version` current for `group`; throws APP_VERSION_NOT_FOUND. */
  assignAppVersion(group: string, version: string, now: string): Promise<GroupAppVersion>;
  /** Drops the group's current assignment; throws APP_VERSION_NO_ROLLBACK when none is left. */
  rollbackAppVersion(group: string, now: string): Promise<GroupAppVersion>;
  /** The group's current app version, if any, with its assignment history (newest first). */
  groupAppVersion(group: string): Promise<GroupAppVersion>;
  /** Stores (or replaces) files of a registered version's built app; throws APP_VERSION_NOT_FOUND. */
  putAppFiles(version: string, files: readonly AppFile[]): Promise<number>;
  getAppFile(version: string, path: string): Promise<AppFile | undefined>;
  /** Versions currently assigned to any group (the protocols the base must keep serving). */
  assignedAppVersions(): Promise<AppVersion[]>;
}

/**
 * The whole store: every port above, one transaction per method (either all of its effect is
 * stored or none of it). A route or service names the ports it uses, not this.
 */
export interface ServerStore
  extends SettingsStore,
    CatalogStore,
    LookupStore,
    DocumentStore,
    LeaseStore,
    MutationStore,
    DeviceStore,
    ConfigStore,
    AppStore {
  /** Creates or migrates the schema; safe to call on every start. */
  init(): Promise<void>;
  close(): Promise<void>;
}
