// The embedded SQLite store (better-sqlite3, WAL). Writes queue on one writer connection behind an
// async lock (an upload's transaction spans awaits); reads use a second connection, whose WAL
// snapshot never shows half of a write. An in-memory database has one connection for both.
import type {
  CatalogRow,
  CatalogTable,
  Document,
  DocumentType,
  Mutation,
  PushResponse,
} from '@shelfsync/protocol';
import { AsyncMutex } from './async-mutex.js';
import { configSnapshot } from './config-snapshot.js';
import { sharedTypeIds } from './document-visibility.js';
import { pageSize } from './page-size.js';
import type * as Port from './server-store.js';
import * as catalog from './sqlite-catalog.js';
import { SqliteCatalogUpload } from './sqlite-catalog-upload.js';
import { SqliteConnection } from './sqlite-connection.js';
import * as devices from './sqlite-devices.js';
import { readDocumentPull, recordDeliveries } from './sqlite-document-pull.js';
import { loadDocument } from './sqlite-document-rows.js';
import * as documents from './sqlite-documents.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { applyMutationBatch, lastMutation } from './sqlite-mutations.js';
import * as settings from './sqlite-settings.js';

/** Opens (creating or migrating) a store; `':memory:'` gives a private in-memory one for tests. */
export async function openSqliteServerStore(file: string): Promise<SqliteServerStore> {
  const store = new SqliteServerStore(file);
  await store.init();
  return store;
}

export class SqliteServerStore implements Port.ServerStore {
  readonly #file: string;
  readonly #writer: SqliteConnection;
  #reader: SqliteConnection | undefined;
  readonly #lock = new AsyncMutex();

  constructor(file: string) {
    this.#file = file;
    this.#writer = new SqliteConnection(file);
  }

  async init(): Promise<void> {
    await this.#lock.run(() => {
      migrateSqlite(this.#writer);
      settings.ensureBaseId(this.#writer);
    });
    // Opened after migrating: a read-only connection cannot create the WAL files or the schema.
    if (!this.#reader && this.#file !== ':memory:' && this.#file !== '') {
      this.#reader = new SqliteConnection(this.#file, { readonly: true });
    }
  }

  async close(): Promise<void> {
    await this.#lock.run(() => {
      this.#reader?.close();
      this.#writer.close();
    });
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE), after every earlier write. */
  write<T>(fn: (conn: SqliteConnection) => T | Promise<T>): Promise<T> {
    return this.#lock.run(async () => {
      const conn = this.#writer;
      conn.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(conn);
        conn.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (conn.db.inTransaction) conn.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** Runs `fn` in one read snapshot. */
  read<T>(fn: (conn: SqliteConnection) => T): Promise<T> {
    const reader = this.#reader;
    if (!reader) return this.write(fn);
    try {
      return Promise.resolve(reader.db.transaction(() => fn(reader))());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  baseId(): Promise<string> {
    return this.read(settings.readBaseId);
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.read((c) => settings.getSetting(c, key));
  }

  setSetting(key: string, value: string): Promise<void> {
    return this.write((c) => settings.setSetting(c, key, value));
  }

  upsertCatalog(
    table: CatalogTable,
    rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>,
    mode: 'merge' | 'replace',
  ): Promise<Port.UpsertCounts> {
    return this.write((c) => new SqliteCatalogUpload(c, table, mode === 'replace').consume(rows));
  }

  deleteCatalogRow(table: CatalogTable, id: string): Promise<boolean> {
    return this.write((c) => catalog.deleteCatalogRow(c, table, id));
  }

  getCatalogRow<T extends CatalogTable>(table: T, id: string): Promise<CatalogRow | undefined> {
    return this.read((c) => catalog.getCatalogRow(c, table, id));
  }

  missingProducts(ids: readonly string[]): Promise<string[]> {
    return this.read((c) => catalog.missingProducts(c, ids));
  }

  pullCatalog(after: number, limit: number): Promise<Port.CatalogPage> {
    return this.read((c) => catalog.pullCatalog(c, after, pageSize(limit)));
  }

  catalogChecksums(): Promise<{ cursor: number; checksums: Record<CatalogTable, number> }> {
    return this.read(catalog.catalogChecksums);
  }

  compactCatalog(upTo: number): Promise<void> {
    return this.write((c) => catalog.compactCatalog(c, upTo));
  }

  putDocuments(
    docs: readonly Port.DocumentPut[],
    now: string,
  ): Promise<{ created: number; replaced: number }> {
    return this.write((c) => documents.putDocuments(c, docs, now));
  }

  getDocument(id: string): Promise<Document | undefined> {
    return this.read((c) => loadDocument(c, id));
  }

  cancelDocument(id: string, reason: string | undefined, now: string): Promise<Document> {
    return this.write((c) => documents.cancelDocument(c, id, reason, now));
  }

  listCompleted(after: number, limit: number): Promise<Port.CompletedPage> {
    return this.read((c) => documents.listCompleted(c, after, pageSize(limit)));
  }

  ackDocument(id: string, now: string): Promise<Document> {
    return this.write((c) => documents.ackDocument(c, id, now));
  }

  async pullDocuments(deviceId: string, after: number, limit: number): Promise<Port.DocumentPage> {
    const { page, firstDelivered } = await this.read((c) =>
      readDocumentPull(c, deviceId, after, pageSize(limit), sharedTypeIds(settings.readDocumentTypes(c))),
    );
    // Recorded before the page is handed out, so a later change to these is revoked on this device.
    if (firstDelivered.length > 0) await this.write((c) => recordDeliveries(c, deviceId, firstDelivered));
    return page;
  }

  async applyMutations(deviceId: string, mutations: readonly Mutation[], now: string): Promise<PushResponse> {
    const batch = await this.write((conn) => {
      const sharedTypes = sharedTypeIds(settings.readDocumentTypes(conn));
      return applyMutationBatch({ conn, deviceId, now, sharedTypes }, mutations);
    });
    // The applied prefix is committed by now; a gap or failure is reported after it.
    if (batch.error !== undefined) throw batch.error;
    return batch.response;
  }

  lastMutation(deviceId: string): Promise<number> {
    return this.read((c) => lastMutation(c, deviceId));
  }

  createEnrollment(codeHash: string, expiresAt: string, now: string): Promise<void> {
    return this.write((c) => devices.createEnrollment(c, codeHash, expiresAt, now));
  }

  enrollDevice(
    codeHash: string,
    device: { id: string; tokenHash: string; name: string; platform?: string },
    now: string,
  ): Promise<Port.EnrollOutcome> {
    return this.write((c) => devices.enrollDevice(c, codeHash, device, now));
  }

  findDeviceByTokenHash(tokenHash: string): Promise<Port.DeviceRecord | undefined> {
    return this.read((c) => devices.findDeviceByTokenHash(c, tokenHash));
  }

  recordContact(deviceId: string, contact: Port.DeviceContact): Promise<void> {
    return this.write((c) => devices.recordContact(c, deviceId, contact));
  }

  listDevices(): Promise<Port.DeviceRecord[]> {
    return this.read(devices.listDevices);
  }

  revokeDevice(deviceId: string): Promise<boolean> {
    return this.write((c) => devices.revokeDevice(c, deviceId));
  }

  getConfig(): Promise<Port.ConfigSnapshot> {
    return this.read((c) => configSnapshot(settings.readDocumentTypes(c)));
  }

  putDocumentTypes(types: readonly DocumentType[]): Promise<Port.ConfigSnapshot> {
    return this.write((c) => {
      settings.writeDocumentTypes(c, types);
      return configSnapshot(types);
    });
  }
}
