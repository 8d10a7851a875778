// The base's store: every rule of every port written once over the transaction interface (tx.ts),
// on whichever database the dialect brings (sqlite/ embedded by default, pg/ for scale-out). A port
// is an object of methods built over the dialect's transactions (its type is the port's type in
// server-store.ts), and a method is one transaction: `reads`/`writes` turn a rule `(tx, …args)`
// into the port method `(…args)` that runs it in one; the rules live in the concern modules.
import type { CatalogRow, CatalogTable, DocumentType, Mutation, PushResponse } from '@shelfsync/protocol';
import * as catalog from './catalog/catalog.js';
import { uploadCatalog } from './catalog/catalog-upload.js';
import * as apps from './devices/app-versions.js';
import { configSnapshot } from './devices/config-snapshot.js';
import * as registry from './devices/device-registry.js';
import * as devices from './devices/devices.js';
import * as settings from './devices/settings.js';
import { readDocumentPull, recordDeliveries } from './documents/document-pull.js';
import { loadDocument } from './documents/document-rows.js';
import { sharedTypeIds } from './documents/document-visibility.js';
import * as documents from './documents/documents.js';
import * as leases from './leases/leases.js';
import { readOperatorScope, setDeviceOperator } from './leases/operators.js';
import { pruneMutations } from './mutations/mutation-retention.js';
import { lastMutation, pushMutations } from './mutations/mutations.js';
import type * as Port from './server-store.js';
import type { Stream, Tx, TxSource } from './tx.js';

/** What a database brings to the store: its transactions and its schema. */
export interface StoreDialect extends TxSource {
  /** Creates or migrates the schema; safe on every start (several instances may start at once). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Page sizes from callers are clamped to at least one row, so a paging loop always progresses. */
const pageSize = (limit: number): number => (Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1);

type Rule<A extends unknown[], R> = (tx: Tx, ...args: A) => Promise<R>;

/** The port method running `rule` in one read snapshot handing out the safe points of `streams`. */
const reads =
  <A extends unknown[], R>(db: TxSource, rule: Rule<A, R>, streams?: readonly Stream[]) =>
  (...args: A): Promise<R> =>
    db.read((tx) => rule(tx, ...args), streams);

/** The port method running `rule` in one write transaction. */
const writes =
  <A extends unknown[], R>(db: TxSource, rule: Rule<A, R>) =>
  (...args: A): Promise<R> =>
    db.write((tx) => rule(tx, ...args));

/** The store's own values. */
export const settingsStore = (db: StoreDialect) => ({
  /** A random id created with the base, stable for its life (terminals detect a replaced base). */
  baseId: reads(db, settings.readBaseId),
  /** Small key/value settings (the API key hash, bundle keys, the base name…). */
  getSetting: reads(db, settings.getSetting),
  setSetting: writes(db, settings.setSetting),
});

/** Catalogs and their change log (DESIGN.md §5.1, §5.2, §5.8). */
export const catalogStore = (db: StoreDialect) => ({
  /**
   * Upserts rows read from `rows` in one transaction (rows are consumed as they come; the store
   * never holds them all). `replace` deletes the table's rows absent from the upload. A row whose
   * content did not change gets no new sequence number.
   */
  upsertCatalog(
    table: CatalogTable,
    rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>,
    mode: 'merge' | 'replace',
  ): Promise<Port.UpsertCounts> {
    // A merge writes no temp tables, so SQLite may keep its statement journal in memory: the barcode
    // triggers make every row's upsert journal the pages it touches, and a temp file for that journal
    // cost more than half of the upload's time (docs/benchmarks.md, import). A replace keeps its
    // uploaded ids in a temp table that must not grow in memory, so it stays on file.
    const replace = mode === 'replace';
    return db.write((tx) => uploadCatalog(tx, table, rows, replace), {
      memoryStatementJournal: !replace,
    });
  },
  /** Deletes one row (a tombstone in the change log). False when it did not exist. */
  deleteCatalogRow: writes(db, catalog.deleteCatalogRow),
  getCatalogRow: reads(db, catalog.getCatalogRow),
  /** Ids among `ids` that are not live products. */
  missingProducts: reads(db, catalog.missingProducts),
  /**
   * Changes after `after`, oldest first, at most `limit`. Throws ShelfsyncError SYNC_MUST_REFETCH
   * when tombstones after `after` were compacted away, SYNC_CURSOR_INVALID when `after` is beyond
   * the newest sequence. For after = 0 deleted rows are not listed.
   */
  pullCatalog: reads(
    db,
    (tx, after: number, limit: number) => catalog.pullCatalog(tx, after, pageSize(limit)),
    ['catalog_seq'],
  ),
  catalogChecksums: reads(db, catalog.catalogChecksums, ['catalog_seq']),

  /** Drops tombstones with seq ≤ upTo; later pulls from a cursor below it must refetch. */
  async compactCatalog(upTo: number): Promise<void> {
    // A write has no safe point: take it from a read, so no cursor still handed out must refetch.
    const safe = await db.read(async (tx) => tx.safe('catalog_seq'), ['catalog_seq']);
    await db.write((tx) => catalog.compactCatalog(tx, Math.min(upTo, safe)));
  },
});

/** Hybrid lookup (DESIGN.md §6) and stock by cell, kept on the base only. */
export const lookupStore = (db: StoreDialect) => ({
  /** The live product (and packing) or cell with this barcode; products win; {} when none. */
  findByBarcode: reads(db, catalog.findByBarcode),
  /** Upserts stock rows (a row per product, warehouse and cell); returns how many were stored. */
  putStock: writes(db, registry.putStock),
  getStock: reads(db, registry.getStock),
});

/** Documents as the accounting system and the terminals' pulls see them. */
export const documentStore = (db: StoreDialect) => ({
  /**
   * Creates or replaces documents in one transaction. Throws DOC_UNKNOWN_PRODUCT (details.missing,
   * and id / lineId of the first line naming one, which the message names too) when a line names no
   * live product, DOC_LOCKED when a document is already past `new`/`released`.
   */
  putDocuments: writes(db, documents.putDocuments),
  getDocument: reads(db, loadDocument),
  /** Cancels a document (any status but exported). Facts already received stay with it. */
  cancelDocument: writes(db, documents.cancelDocument),
  /** Completed, not yet acknowledged documents in completion order, after the cursor. */
  listCompleted: reads(
    db,
    (tx, after: number, limit: number) => documents.listCompleted(tx, after, pageSize(limit)),
    ['completion_seq'],
  ),
  /**
   * Marks a completed document exported, or takes a cancelled one off the cancelled list. Idempotent;
   * DOC_NOT_FOUND / DOC_NOT_COMPLETED otherwise.
   */
  ackDocument: writes(db, documents.ackDocument),
  /** Cancelled documents that received facts the accounting side has not acknowledged (same cursor flow). */
  listCancelled: reads(
    db,
    (tx, after: number, limit: number) => documents.listCompleted(tx, after, pageSize(limit), 'cancelled'),
    ['completion_seq'],
  ),

  /** Documents this device should hold that changed after `after` (revision order), and revocations. */
  async pullDocuments(deviceId: string, after: number, limit: number): Promise<Port.DocumentPage> {
    const { page, firstDelivered } = await db.read(
      async (tx) => {
        const types = await settings.readDocumentTypes(tx);
        const scope = await readOperatorScope(tx, deviceId, types);
        return readDocumentPull(tx, deviceId, after, pageSize(limit), sharedTypeIds(types), scope);
      },
      ['doc_rev'],
    );
    if (firstDelivered.length > 0) await db.write((tx) => recordDeliveries(tx, deviceId, firstDelivered));
    return page;
  },
});

/** Documents among terminals: leases, takeovers, claims, signed-in operators. */
export const leaseStore = (db: StoreDialect) => ({
  /** Documents held by a device in an open status. */
  listLeases: reads(db, async (tx) =>
    leases.listLeases(tx, sharedTypeIds(await settings.readDocumentTypes(tx))),
  ),
  /** Returns a held document to the pool (`released`); DOC_CLOSED when it is no longer open. */
  releaseLease: writes(db, leases.releaseLease),
  /** Hands a document to `deviceId`; the former holder is told 'taken over' and its facts still count. */
  reassignDocument: writes(db, leases.reassignDocument),
  /** Puts back to `new` the held documents without facts last touched before `touchedBefore`. */
  expireLeases: writes(db, leases.expireLeases),
  /** Gives the matching open document to this device (DOC_NOT_FOUND, DOC_TAKEN otherwise). */
  claimDocument: writes(db, async (tx, deviceId: string, key: Port.ClaimKey, now: string) => {
    const types = await settings.readDocumentTypes(tx);
    const scope = await readOperatorScope(tx, deviceId, types);
    return leases.claimDocument(tx, deviceId, key, { sharedTypes: sharedTypeIds(types), scope }, now);
  }),
  /** The operator signed in on a device (null: nobody); it decides which assigned documents it pulls. */
  setDeviceOperator: writes(db, async (tx, deviceId: string, operatorId: string | null) =>
    setDeviceOperator(tx, deviceId, operatorId, await settings.readDocumentTypes(tx)),
  ),
});

/** The push, numbered mutations applied exactly once (DESIGN.md §5.4). */
export const mutationStore = (db: StoreDialect) => ({
  /**
   * Applies a device's mutations in order. Each one's effect and the device's "applied up to n"
   * are stored together. n ≤ last applied → `duplicate` (with the original status); n > last + 1
   * → throws SYNC_MUTATION_GAP with details.expected; a business-rule refusal is recorded as
   * `rejected` and the batch goes on.
   */
  applyMutations(deviceId: string, mutations: readonly Mutation[], now: string): Promise<PushResponse> {
    return pushMutations(db, deviceId, mutations, now);
  },
  lastMutation: reads(db, lastMutation),
  /**
   * Deletes the records of mutations applied before `appliedBefore`, except each device's newest
   * `keepPerDevice`, at most `limit` rows per call (call again while it answers `limit`); answers
   * how many were deleted. Device cursors stay, so a pruned mutation sent again is still answered
   * `duplicate` (without `original`) and changes nothing (mutation-retention.ts says why that is safe).
   */
  pruneMutations: writes(db, pruneMutations),
});

/** Enrollment, tokens, contact, groups and the registry view. */
export const deviceStore = (db: StoreDialect) => ({
  createEnrollment: writes(db, devices.createEnrollment),
  /** Ends an unused code now; false when it is unknown, used or already expired. */
  revokeEnrollment: writes(db, devices.revokeEnrollment),
  /** Consumes a code and registers the device in one transaction. */
  enrollDevice: writes(db, devices.enrollDevice),
  findDeviceByTokenHash: reads(db, devices.findDeviceByTokenHash),
  recordContact: writes(db, devices.recordContact),
  listDevices: reads(db, devices.listDevices),
  /** Revokes a device: its token stops being accepted until it enrolls again. False when unknown. */
  revokeDevice: writes(db, devices.revokeDevice),
  /** Moves a device to a group; throws DEVICE_NOT_FOUND. */
  setDeviceGroup: writes(db, apps.setDeviceGroup),
  deviceGroup: reads(db, apps.deviceGroup),
  /** Notes the configuration version a device reported at hello. */
  recordDeviceConfigVersion: writes(db, registry.recordDeviceConfigVersion),
  /** Devices with everything the registry shows: contact, versions, backlog, storage and group. */
  listDeviceRegistry: reads(db, registry.listDeviceRegistry),
});

/** Document types in force (configuration, DESIGN.md §7). */
export const configStore = (db: StoreDialect) => ({
  /** Document types in force; the shipped defaults until an admin stores others. */
  getConfig: reads(db, async (tx) => configSnapshot(await settings.readDocumentTypes(tx))),
  putDocumentTypes: writes(db, async (tx, types: readonly DocumentType[]) => {
    await settings.writeDocumentTypes(tx, types);
    return configSnapshot(types);
  }),
});

/** Terminal app versions and their rollout per device group (DESIGN.md §7). */
export const appStore = (db: StoreDialect) => ({
  /** Stores an app version's metadata; storing the same version again replaces its notes. */
  putAppVersion: writes(db, apps.putAppVersion),
  listAppVersions: reads(db, apps.listAppVersions),
  /** Makes `version` current for `group`; throws APP_VERSION_NOT_FOUND. */
  assignAppVersion: writes(db, apps.assignAppVersion),
  /** Drops the group's current assignment; throws APP_VERSION_NO_ROLLBACK when none is left. */
  rollbackAppVersion: writes(db, apps.rollbackAppVersion),
  /** The group's current app version, if any, with its assignment history (newest first). */
  groupAppVersion: reads(db, apps.groupAppVersion),
  /** Stores (or replaces) files of a registered version's built app; throws APP_VERSION_NOT_FOUND. */
  putAppFiles: writes(db, apps.putAppFiles),
  getAppFile: reads(db, apps.getAppFile),
  /** Versions currently assigned to any group (the protocols the base must keep serving). */
  assignedAppVersions: reads(db, apps.assignedAppVersions),
});

/** The store over one dialect: every port of server-store.ts, each method one transaction. */
export type SqlServerStore<D extends StoreDialect = StoreDialect> = Port.ServerStore & { readonly db: D };

export function sqlServerStore<D extends StoreDialect>(db: D): SqlServerStore<D> {
  return {
    db,
    async init() {
      await db.migrate();
      await db.write(settings.ensureBaseId);
    },
    close: () => db.close(),
    ...settingsStore(db),
    ...catalogStore(db),
    ...lookupStore(db),
    ...documentStore(db),
    ...leaseStore(db),
    ...mutationStore(db),
    ...deviceStore(db),
    ...configStore(db),
    ...appStore(db),
  };
}
