// The base's store: every rule of every port written once over the transaction interface (tx.ts),
// on whichever database the dialect brings (sqlite/ embedded by default, pg/ for scale-out). A
// method is one transaction; the rules live in the concern modules it calls.
import type {
  AppVersion,
  AppVersionInput,
  CatalogRow,
  CatalogTable,
  Document,
  DocumentType,
  Mutation,
  PushResponse,
  StockRow,
} from '@shelfsync/protocol';
import * as catalog from './catalog/catalog.js';
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
import { PRUNE_BATCH_ROWS, pruneMutations } from './mutations/mutation-retention.js';
import { lastMutation, pushMutations } from './mutations/mutations.js';
import { pageSize } from './page-size.js';
import type * as Port from './server-store.js';
import type { TxSource } from './tx.js';

/** What a database brings to the store: its transactions, its schema, and its catalog upload path. */
export interface StoreDialect extends TxSource {
  /** Creates or migrates the schema; safe on every start (several instances may start at once). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * The bulk catalog upload (Port.CatalogStore.upsertCatalog): rows stream through the statements
   * that are fastest on this database, in one transaction, with the bookkeeping of catalog-ledger.ts.
   */
  upsertCatalog(
    table: CatalogTable,
    rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>,
    mode: 'merge' | 'replace',
  ): Promise<Port.UpsertCounts>;
}

export class SqlServerStore<D extends StoreDialect = StoreDialect> implements Port.ServerStore {
  constructor(readonly db: D) {}

  async init(): Promise<void> {
    await this.db.migrate();
    await this.db.write(settings.ensureBaseId);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  baseId(): Promise<string> {
    return this.db.read(settings.readBaseId);
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.db.read((tx) => settings.getSetting(tx, key));
  }

  setSetting(key: string, value: string): Promise<void> {
    return this.db.write((tx) => settings.setSetting(tx, key, value));
  }

  upsertCatalog(
    table: CatalogTable,
    rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>,
    mode: 'merge' | 'replace',
  ): Promise<Port.UpsertCounts> {
    return this.db.upsertCatalog(table, rows, mode);
  }

  deleteCatalogRow(table: CatalogTable, id: string): Promise<boolean> {
    return this.db.write((tx) => catalog.deleteCatalogRow(tx, table, id));
  }

  getCatalogRow<T extends CatalogTable>(table: T, id: string): Promise<CatalogRow | undefined> {
    return this.db.read((tx) => catalog.getCatalogRow(tx, table, id));
  }

  missingProducts(ids: readonly string[]): Promise<string[]> {
    return this.db.read((tx) => catalog.missingProducts(tx, ids));
  }

  pullCatalog(after: number, limit: number): Promise<Port.CatalogPage> {
    return this.db.read((tx) => catalog.pullCatalog(tx, after, pageSize(limit)), ['catalog_seq']);
  }

  catalogChecksums(): Promise<{ cursor: number; checksums: Record<CatalogTable, number> }> {
    return this.db.read((tx) => catalog.catalogChecksums(tx), ['catalog_seq']);
  }

  async compactCatalog(upTo: number): Promise<void> {
    // A write has no safe point: take it from a read, so no cursor still handed out must refetch.
    const safe = await this.db.read(async (tx) => tx.safe('catalog_seq'), ['catalog_seq']);
    await this.db.write((tx) => catalog.compactCatalog(tx, Math.min(upTo, safe)));
  }

  putDocuments(
    docs: readonly Port.DocumentPut[],
    now: string,
  ): Promise<{ created: number; replaced: number }> {
    return this.db.write((tx) => documents.putDocuments(tx, docs, now));
  }

  getDocument(id: string): Promise<Document | undefined> {
    return this.db.read((tx) => loadDocument(tx, id));
  }

  cancelDocument(id: string, reason: string | undefined, now: string): Promise<Document> {
    return this.db.write((tx) => documents.cancelDocument(tx, id, reason, now));
  }

  listCompleted(after: number, limit: number): Promise<Port.CompletedPage> {
    return this.db.read((tx) => documents.listCompleted(tx, after, pageSize(limit)), ['completion_seq']);
  }

  ackDocument(id: string, now: string): Promise<Document> {
    return this.db.write((tx) => documents.ackDocument(tx, id, now));
  }

  listCancelled(after: number, limit: number): Promise<Port.CompletedPage> {
    return this.db.read(
      (tx) => documents.listCompleted(tx, after, pageSize(limit), 'cancelled'),
      ['completion_seq'],
    );
  }

  listLeases(): Promise<Port.LeaseRecord[]> {
    return this.db.read(async (tx) =>
      leases.listLeases(tx, sharedTypeIds(await settings.readDocumentTypes(tx))),
    );
  }

  releaseLease(id: string, now: string): Promise<Document> {
    return this.db.write((tx) => leases.releaseLease(tx, id, now));
  }

  reassignDocument(id: string, deviceId: string, now: string): Promise<Document> {
    return this.db.write((tx) => leases.reassignDocument(tx, id, deviceId, now));
  }

  expireLeases(touchedBefore: string, now: string): Promise<string[]> {
    return this.db.write((tx) => leases.expireLeases(tx, touchedBefore, now));
  }

  claimDocument(deviceId: string, key: Port.ClaimKey, now: string): Promise<Document> {
    return this.db.write(async (tx) => {
      const types = await settings.readDocumentTypes(tx);
      const scope = await readOperatorScope(tx, deviceId, types);
      return leases.claimDocument(tx, deviceId, key, { sharedTypes: sharedTypeIds(types), scope }, now);
    });
  }

  setDeviceOperator(deviceId: string, operatorId: string | null): Promise<void> {
    return this.db.write(async (tx) =>
      setDeviceOperator(tx, deviceId, operatorId, await settings.readDocumentTypes(tx)),
    );
  }

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

  applyMutations(deviceId: string, mutations: readonly Mutation[], now: string): Promise<PushResponse> {
    return pushMutations(this.db, deviceId, mutations, now);
  }

  lastMutation(deviceId: string): Promise<number> {
    return this.db.read((tx) => lastMutation(tx, deviceId));
  }

  pruneMutations(appliedBefore: string, keepPerDevice: number, limit = PRUNE_BATCH_ROWS): Promise<number> {
    return this.db.write((tx) => pruneMutations(tx, appliedBefore, keepPerDevice, limit));
  }

  createEnrollment(codeHash: string, expiresAt: string, now: string): Promise<void> {
    return this.db.write((tx) => devices.createEnrollment(tx, codeHash, expiresAt, now));
  }

  revokeEnrollment(codeHash: string, now: string): Promise<boolean> {
    return this.db.write((tx) => devices.revokeEnrollment(tx, codeHash, now));
  }

  enrollDevice(
    codeHash: string,
    device: { id: string; tokenHash: string; name: string; platform?: string },
    now: string,
  ): Promise<Port.EnrollOutcome> {
    return this.db.write((tx) => devices.enrollDevice(tx, codeHash, device, now));
  }

  findDeviceByTokenHash(tokenHash: string): Promise<Port.DeviceRecord | undefined> {
    return this.db.read((tx) => devices.findDeviceByTokenHash(tx, tokenHash));
  }

  recordContact(deviceId: string, contact: Port.DeviceContact): Promise<void> {
    return this.db.write((tx) => devices.recordContact(tx, deviceId, contact));
  }

  listDevices(): Promise<Port.DeviceRecord[]> {
    return this.db.read(devices.listDevices);
  }

  revokeDevice(deviceId: string): Promise<boolean> {
    return this.db.write((tx) => devices.revokeDevice(tx, deviceId));
  }

  async getConfig(): Promise<Port.ConfigSnapshot> {
    return configSnapshot(await this.db.read(settings.readDocumentTypes));
  }

  putDocumentTypes(types: readonly DocumentType[]): Promise<Port.ConfigSnapshot> {
    return this.db.write(async (tx) => {
      await settings.writeDocumentTypes(tx, types);
      return configSnapshot(types);
    });
  }

  findByBarcode(code: string): Promise<Port.BarcodeMatch> {
    return this.db.read((tx) => catalog.findByBarcode(tx, code));
  }

  putStock(rows: readonly StockRow[], now: string): Promise<number> {
    return this.db.write((tx) => registry.putStock(tx, rows, now));
  }

  getStock(productId: string): Promise<StockRow[]> {
    return this.db.read((tx) => registry.getStock(tx, productId));
  }

  putAppVersion(input: AppVersionInput & { notes: string }, now: string): Promise<AppVersion> {
    return this.db.write((tx) => apps.putAppVersion(tx, input, now));
  }

  listAppVersions(): Promise<AppVersion[]> {
    return this.db.read((tx) => apps.listAppVersions(tx));
  }

  assignAppVersion(group: string, version: string, now: string): Promise<Port.GroupAppVersion> {
    return this.db.write((tx) => apps.assignAppVersion(tx, group, version, now));
  }

  rollbackAppVersion(group: string, now: string): Promise<Port.GroupAppVersion> {
    return this.db.write((tx) => apps.rollbackAppVersion(tx, group, now));
  }

  groupAppVersion(group: string): Promise<Port.GroupAppVersion> {
    return this.db.read((tx) => apps.groupAppVersion(tx, group));
  }

  putAppFiles(version: string, files: readonly Port.AppFile[]): Promise<number> {
    return this.db.write((tx) => apps.putAppFiles(tx, version, files));
  }

  getAppFile(version: string, path: string): Promise<Port.AppFile | undefined> {
    return this.db.read((tx) => apps.getAppFile(tx, version, path));
  }

  assignedAppVersions(): Promise<AppVersion[]> {
    return this.db.read((tx) => apps.assignedAppVersions(tx));
  }

  setDeviceGroup(deviceId: string, group: string): Promise<void> {
    return this.db.write((tx) => apps.setDeviceGroup(tx, deviceId, group));
  }

  deviceGroup(deviceId: string): Promise<string> {
    return this.db.read((tx) => apps.deviceGroup(tx, deviceId));
  }

  recordDeviceConfigVersion(deviceId: string, configVersion: string): Promise<void> {
    return this.db.write((tx) => registry.recordDeviceConfigVersion(tx, deviceId, configVersion));
  }

  listDeviceRegistry(): Promise<Port.DeviceRegistryEntry[]> {
    return this.db.read((tx) => registry.listDeviceRegistry(tx));
  }
}
