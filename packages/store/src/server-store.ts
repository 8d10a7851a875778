// The base's storage ports, one per concern, and `ServerStore`, all of them together, with the
// values they take and give. One store implements them over SQLite (embedded, default) or
// PostgreSQL (scale-out), and both pass the contract suite in testing/server-store.contract.ts.
// Every method is one transaction: either all of its effect is stored or none of it.
import type {
  AppVersion,
  CatalogChange,
  CatalogTable,
  Cell,
  Document,
  DocumentStatus,
  DocumentType,
  Product,
} from '@shelfsync/protocol';
import type * as Ports from './sql-server-store.js';

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

// Each port's methods are built, and documented, once in sql-server-store.ts; its type is theirs.

/** The store's own values: the base id and the server's small key/value settings. */
export type SettingsStore = ReturnType<typeof Ports.settingsStore>;
/** Catalogs and their change log (DESIGN.md §5.1, §5.2, §5.8). */
export type CatalogStore = ReturnType<typeof Ports.catalogStore>;
/** Hybrid lookup (DESIGN.md §6) and stock by cell, kept on the base only. */
export type LookupStore = ReturnType<typeof Ports.lookupStore>;
/** Documents as the accounting system and the terminals' pulls see them (DESIGN.md §4, §5.6). */
export type DocumentStore = ReturnType<typeof Ports.documentStore>;
/** Documents among terminals: leases, takeovers, claims, signed-in operators (docs/architecture.md). */
export type LeaseStore = ReturnType<typeof Ports.leaseStore>;
/** The push: numbered mutations applied exactly once (DESIGN.md §5.4). */
export type MutationStore = ReturnType<typeof Ports.mutationStore>;
/** Devices: enrollment, tokens, contact, groups and the registry view. */
export type DeviceStore = ReturnType<typeof Ports.deviceStore>;
/** Document types in force (configuration, DESIGN.md §7). */
export type ConfigStore = ReturnType<typeof Ports.configStore>;
/** Terminal app versions and their rollout per device group (DESIGN.md §7). */
export type AppStore = ReturnType<typeof Ports.appStore>;

/**
 * The whole store: every port above, one transaction per method (either all of its effect is
 * stored or none of it). A route or service names the ports it uses, not this.
 */
export type ServerStore = SettingsStore &
  CatalogStore &
  LookupStore &
  DocumentStore &
  LeaseStore &
  MutationStore &
  DeviceStore &
  ConfigStore &
  AppStore & {
    /** Creates or migrates the schema; safe to call on every start. */
    init(): Promise<void>;
    close(): Promise<void>;
  };
