// The base's store: every rule of every port written once over the transaction interface (tx.ts),
// on whichever database the dialect brings (sqlite/ embedded by default, pg/ for scale-out). A
// method is one transaction: `reads`/`writes` turn a rule `(tx, …args)` into the port method
// `(…args)` that runs it in one; the rules live in the concern modules.
import type { DocumentType, Mutation, PushResponse } from '@shelfsync/protocol';
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

export class SqlServerStore<D extends StoreDialect = StoreDialect> implements Port.ServerStore {
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

  async init(): Promise<void> {
    await this.db.migrate();
    await this.db.write(settings.ensureBaseId);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // SettingsStore
  readonly baseId = this.#reads(settings.readBaseId);
  readonly getSetting = this.#reads(settings.getSetting);
  readonly setSetting = this.#writes(settings.setSetting);

  // CatalogStore
  // A merge writes no temp tables, so SQLite may keep its statement journal in memory: the barcode
  // triggers make every row's upsert journal the pages it touches, and a temp file for that journal
  // cost more than half of the upload's time (docs/benchmarks.md, import). A replace keeps its
  // uploaded ids in a temp table that must not grow in memory, so it stays on file.
  readonly upsertCatalog: Port.CatalogStore['upsertCatalog'] = (table, rows, mode) =>
    this.db.write((tx) => uploadCatalog(tx, table, rows, mode === 'replace'), {
      memoryStatementJournal: mode === 'merge',
    });
  readonly deleteCatalogRow = this.#writes(catalog.deleteCatalogRow);
  readonly getCatalogRow = this.#reads(catalog.getCatalogRow);
  readonly missingProducts = this.#reads(catalog.missingProducts);
  readonly pullCatalog = this.#reads(
    (tx, after: number, limit: number) => catalog.pullCatalog(tx, after, pageSize(limit)),
    ['catalog_seq'],
  );
  readonly catalogChecksums = this.#reads(catalog.catalogChecksums, ['catalog_seq']);

  async compactCatalog(upTo: number): Promise<void> {
    // A write has no safe point: take it from a read, so no cursor still handed out must refetch.
    const safe = await this.db.read(async (tx) => tx.safe('catalog_seq'), ['catalog_seq']);
    await this.db.write((tx) => catalog.compactCatalog(tx, Math.min(upTo, safe)));
  }

  // LookupStore
  readonly findByBarcode = this.#reads(catalog.findByBarcode);
  readonly putStock = this.#writes(registry.putStock);
  readonly getStock = this.#reads(registry.getStock);

  // DocumentStore
  readonly putDocuments = this.#writes(documents.putDocuments);
  readonly getDocument = this.#reads(loadDocument);
  readonly cancelDocument = this.#writes(documents.cancelDocument);
  readonly listCompleted = this.#reads(
    (tx, after: number, limit: number) => documents.listCompleted(tx, after, pageSize(limit)),
    ['completion_seq'],
  );
  readonly ackDocument = this.#writes(documents.ackDocument);
  readonly listCancelled = this.#reads(
    (tx, after: number, limit: number) => documents.listCompleted(tx, after, pageSize(limit), 'cancelled'),
    ['completion_seq'],
  );

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

  // LeaseStore
  readonly listLeases = this.#reads(async (tx) =>
    leases.listLeases(tx, sharedTypeIds(await settings.readDocumentTypes(tx))),
  );
  readonly releaseLease = this.#writes(leases.releaseLease);
  readonly reassignDocument = this.#writes(leases.reassignDocument);
  readonly expireLeases = this.#writes(leases.expireLeases);
  readonly claimDocument = this.#writes(async (tx, deviceId: string, key: Port.ClaimKey, now: string) => {
    const types = await settings.readDocumentTypes(tx);
    const scope = await readOperatorScope(tx, deviceId, types);
    return leases.claimDocument(tx, deviceId, key, { sharedTypes: sharedTypeIds(types), scope }, now);
  });
  readonly setDeviceOperator = this.#writes(async (tx, deviceId: string, operatorId: string | null) =>
    setDeviceOperator(tx, deviceId, operatorId, await settings.readDocumentTypes(tx)),
  );

  // MutationStore
  applyMutations(deviceId: string, mutations: readonly Mutation[], now: string): Promise<PushResponse> {
    return pushMutations(this.db, deviceId, mutations, now);
  }
  readonly lastMutation = this.#reads(lastMutation);
  readonly pruneMutations = this.#writes(pruneMutations);

  // DeviceStore
  readonly createEnrollment = this.#writes(devices.createEnrollment);
  readonly enrollDevice = this.#writes(devices.enrollDevice);
  readonly findDeviceByTokenHash = this.#reads(devices.findDeviceByTokenHash);
  readonly recordContact = this.#writes(devices.recordContact);
  readonly listDevices = this.#reads(devices.listDevices);
  readonly revokeDevice = this.#writes(devices.revokeDevice);
  readonly setDeviceGroup = this.#writes(apps.setDeviceGroup);
  readonly deviceGroup = this.#reads(apps.deviceGroup);
  readonly recordDeviceConfigVersion = this.#writes(registry.recordDeviceConfigVersion);
  readonly listDeviceRegistry = this.#reads(registry.listDeviceRegistry);

  // ConfigStore
  readonly getConfig = this.#reads(async (tx) => configSnapshot(await settings.readDocumentTypes(tx)));
  readonly putDocumentTypes = this.#writes(async (tx, types: readonly DocumentType[]) => {
    await settings.writeDocumentTypes(tx, types);
    return configSnapshot(types);
  });

  // AppStore
  readonly putAppVersion = this.#writes(apps.putAppVersion);
  readonly listAppVersions = this.#reads(apps.listAppVersions);
  readonly assignAppVersion = this.#writes(apps.assignAppVersion);
  readonly rollbackAppVersion = this.#writes(apps.rollbackAppVersion);
  readonly groupAppVersion = this.#reads(apps.groupAppVersion);
  readonly putAppFiles = this.#writes(apps.putAppFiles);
  readonly getAppFile = this.#reads(apps.getAppFile);
  readonly assignedAppVersions = this.#reads(apps.assignedAppVersions);
}
