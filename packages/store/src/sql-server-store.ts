// The base's store: every rule of every port written once over the transaction interface (tx.ts),
// on whichever database the dialect brings (sqlite/ embedded by default, pg/ for scale-out). A
// method is one transaction: `reads`/`writes` turn a rule `(tx, …args)` into the port method
// `(…args)` that runs it in one; the rules live in the concern modules.
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
import { pageSize } from './page-size.js';
import type * as Port from './server-store.js';
import type { Stream, Tx, TxSource } from './tx.js';

/** What a database brings to the store: its transactions and its schema. */
export interface StoreDialect extends TxSource {
  /** Creates or migrates the schema; safe on every start (several instances may start at once). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

type Rule<A extends unknown[], R> = (tx: Tx, ...args: A) => Promise<R>;

/** The store: every port of server-store.ts, each method one transaction. */
export class SqlServerStore<D extends StoreDialect = StoreDialect> {
  constructor(readonly db: D) {}

  /** The port method running `rule` in one read snapshot handing out the safe points of `streams`. */
  readonly #reads =
    <A extends unknown[], R>(rule: Rule<A, R>, streams?: readonly Stream[]) =>
    (...args: A): Promise<R> =>
      this.db.read((tx) => rule(tx, ...args), streams);

  /** The port method running `rule` in one write transaction. */
  readonly #writes =
    <A extends unknown[], R>(rule: Rule<A, R>) =>
    (...args: A): Promise<R> =>
      this.db.write((tx) => rule(tx, ...args));

  /** Creates or migrates the schema; safe to call on every start. */
  async init(): Promise<void> {
    await this.db.migrate();
    await this.db.write(settings.ensureBaseId);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // SettingsStore: the store's own values.
  /** A random id created with the base, stable for its life (terminals detect a replaced base). */
  readonly baseId = this.#reads(settings.readBaseId);
  /** Small key/value settings (the API key hash, bundle keys, the base name…). */
  readonly getSetting = this.#reads(settings.getSetting);
  readonly setSetting = this.#writes(settings.setSetting);

  // CatalogStore: catalogs and their change log (DESIGN.md §5.1, §5.2, §5.8).
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
    return this.db.write((tx) => uploadCatalog(tx, table, rows, replace), {
      memoryStatementJournal: !replace,
    });
  }
  /** Deletes one row (a tombstone in the change log). False when it did not exist. */
  readonly deleteCatalogRow = this.#writes(catalog.deleteCatalogRow);
  readonly getCatalogRow = this.#reads(catalog.getCatalogRow);
  /** Ids among `ids` that are not live products. */
  readonly missingProducts = this.#reads(catalog.missingProducts);
  /**
   * Changes after `after`, oldest first, at most `limit`. Throws ShelfsyncError SYNC_MUST_REFETCH
   * when tombstones after `after` were compacted away, SYNC_CURSOR_INVALID when `after` is beyond
   * the newest sequence. For after = 0 deleted rows are not listed.
   */
  readonly pullCatalog = this.#reads(
    (tx, after: number, limit: number) => catalog.pullCatalog(tx, after, pageSize(limit)),
    ['catalog_seq'],
  );
  readonly catalogChecksums = this.#reads(catalog.catalogChecksums, ['catalog_seq']);

  /** Drops tombstones with seq ≤ upTo; later pulls from a cursor below it must refetch. */
  async compactCatalog(upTo: number): Promise<void> {
    // A write has no safe point: take it from a read, so no cursor still handed out must refetch.
    const safe = await this.db.read(async (tx) => tx.safe('catalog_seq'), ['catalog_seq']);
    await this.db.write((tx) => catalog.compactCatalog(tx, Math.min(upTo, safe)));
  }

  // LookupStore: hybrid lookup (DESIGN.md §6) and stock by cell, kept on the base only.
  /** The live product (and packing) or cell with this barcode; products win; {} when none. */
  readonly findByBarcode = this.#reads(catalog.findByBarcode);
  /** Upserts stock rows (a row per product, warehouse and cell); returns how many were stored. */
  readonly putStock = this.#writes(registry.putStock);
  readonly getStock = this.#reads(registry.getStock);

  // DocumentStore: documents as the accounting system and the terminals' pulls see them.
  /**
   * Creates or replaces documents in one transaction. Throws DOC_UNKNOWN_PRODUCT (details.missing)
   * when a line names no live product, DOC_LOCKED when a document is already past `new`/`released`.
   */
  readonly putDocuments = this.#writes(documents.putDocuments);
  readonly getDocument = this.#reads(loadDocument);
  /** Cancels a document (any status but exported). Facts already received stay with it. */
  readonly cancelDocument = this.#writes(documents.cancelDocument);
  /** Completed, not yet acknowledged documents in completion order, after the cursor. */
  readonly listCompleted = this.#reads(
    (tx, after: number, limit: number) => documents.listCompleted(tx, after, pageSize(limit)),
    ['completion_seq'],
  );
  /**
   * Marks a completed document exported, or takes a cancelled one off the cancelled list. Idempotent;
   * DOC_NOT_FOUND / DOC_NOT_COMPLETED otherwise.
   */
  readonly ackDocument = this.#writes(documents.ackDocument);
  /** Cancelled documents that received facts the accounting side has not acknowledged (same cursor flow). */
  readonly listCancelled = this.#reads(
    (tx, after: number, limit: number) => documents.listCompleted(tx, after, pageSize(limit), 'cancelled'),
    ['completion_seq'],
  );

  /** Documents this device should hold that changed after `after` (revision order), and revocations. */
  async pullDocuments(deviceId: string, after: number, limit: number): Promise<Port.DocumentPage> {
    const { page, firstDelivered } = await this.db.read(
      async (tx) => {
        const types = await settings.readDocumentTypes(tx);
        const scope = await readOperatorScope(tx, deviceId, types);
        return readDocumentPull(tx, deviceId, after, pageSize(limit), sharedTypeIds(types), scope);
      },
      ['doc_rev'],
    );
    if (firstDelivered.length > 0)
      await this.db.write((tx) => recordDeliveries(tx, deviceId, firstDelivered));
    return page;
  }

  // LeaseStore: documents among terminals: leases, takeovers, claims, signed-in operators.
  /** Documents held by a device in an open status. */
  readonly listLeases = this.#reads(async (tx) =>
    leases.listLeases(tx, sharedTypeIds(await settings.readDocumentTypes(tx))),
  );
  /** Returns a held document to the pool (`released`); DOC_CLOSED when it is no longer open. */
  readonly releaseLease = this.#writes(leases.releaseLease);
  /** Hands a document to `deviceId`; the former holder is told 'taken over' and its facts still count. */
  readonly reassignDocument = this.#writes(leases.reassignDocument);
  /** Puts back to `new` the held documents without facts last touched before `touchedBefore`. */
  readonly expireLeases = this.#writes(leases.expireLeases);
  /** Gives the matching open document to this device (DOC_NOT_FOUND, DOC_TAKEN otherwise). */
  readonly claimDocument = this.#writes(async (tx, deviceId: string, key: Port.ClaimKey, now: string) => {
    const types = await settings.readDocumentTypes(tx);
    const scope = await readOperatorScope(tx, deviceId, types);
    return leases.claimDocument(tx, deviceId, key, { sharedTypes: sharedTypeIds(types), scope }, now);
  });
  /** The operator signed in on a device (null: nobody); it decides which assigned documents it pulls. */
  readonly setDeviceOperator = this.#writes(async (tx, deviceId: string, operatorId: string | null) =>
    setDeviceOperator(tx, deviceId, operatorId, await settings.readDocumentTypes(tx)),
  );

  // MutationStore: the push, numbered mutations applied exactly once (DESIGN.md §5.4).
  /**
   * Applies a device's mutations in order. Each one's effect and the device's "applied up to n"
   * are stored together. n ≤ last applied → `duplicate` (with the original status); n > last + 1
   * → throws SYNC_MUTATION_GAP with details.expected; a business-rule refusal is recorded as
   * `rejected` and the batch goes on.
   */
  applyMutations(deviceId: string, mutations: readonly Mutation[], now: string): Promise<PushResponse> {
    return pushMutations(this.db, deviceId, mutations, now);
  }
  readonly lastMutation = this.#reads(lastMutation);
  /**
   * Deletes the records of mutations applied before `appliedBefore`, except each device's newest
   * `keepPerDevice`, at most `limit` rows per call (call again while it answers `limit`); answers
   * how many were deleted. Device cursors stay, so a pruned mutation sent again is still answered
   * `duplicate` (without `original`) and changes nothing (mutation-retention.ts says why that is safe).
   */
  readonly pruneMutations = this.#writes(pruneMutations);

  // DeviceStore: enrollment, tokens, contact, groups and the registry view.
  readonly createEnrollment = this.#writes(devices.createEnrollment);
  /** Consumes a code and registers the device in one transaction. */
  readonly enrollDevice = this.#writes(devices.enrollDevice);
  readonly findDeviceByTokenHash = this.#reads(devices.findDeviceByTokenHash);
  readonly recordContact = this.#writes(devices.recordContact);
  readonly listDevices = this.#reads(devices.listDevices);
  /** Revokes a device: its token stops being accepted until it enrolls again. False when unknown. */
  readonly revokeDevice = this.#writes(devices.revokeDevice);
  /** Moves a device to a group; throws DEVICE_NOT_FOUND. */
  readonly setDeviceGroup = this.#writes(apps.setDeviceGroup);
  readonly deviceGroup = this.#reads(apps.deviceGroup);
  /** Notes the configuration version a device reported at hello. */
  readonly recordDeviceConfigVersion = this.#writes(registry.recordDeviceConfigVersion);
  /** Devices with everything the registry shows: contact, versions, backlog, storage and group. */
  readonly listDeviceRegistry = this.#reads(registry.listDeviceRegistry);

  // ConfigStore: document types in force (configuration, DESIGN.md §7).
  /** Document types in force; the shipped defaults until an admin stores others. */
  readonly getConfig = this.#reads(async (tx) => configSnapshot(await settings.readDocumentTypes(tx)));
  readonly putDocumentTypes = this.#writes(async (tx, types: readonly DocumentType[]) => {
    await settings.writeDocumentTypes(tx, types);
    return configSnapshot(types);
  });

  // AppStore: terminal app versions and their rollout per device group (DESIGN.md §7).
  /** Stores an app version's metadata; storing the same version again replaces its notes. */
  readonly putAppVersion = this.#writes(apps.putAppVersion);
  readonly listAppVersions = this.#reads(apps.listAppVersions);
  /** Makes `version` current for `group`; throws APP_VERSION_NOT_FOUND. */
  readonly assignAppVersion = this.#writes(apps.assignAppVersion);
  /** Drops the group's current assignment; throws APP_VERSION_NO_ROLLBACK when none is left. */
  readonly rollbackAppVersion = this.#writes(apps.rollbackAppVersion);
  /** The group's current app version, if any, with its assignment history (newest first). */
  readonly groupAppVersion = this.#reads(apps.groupAppVersion);
  /** Stores (or replaces) files of a registered version's built app; throws APP_VERSION_NOT_FOUND. */
  readonly putAppFiles = this.#writes(apps.putAppFiles);
  readonly getAppFile = this.#reads(apps.getAppFile);
  /** Versions currently assigned to any group (the protocols the base must keep serving). */
  readonly assignedAppVersions = this.#reads(apps.assignedAppVersions);
}
