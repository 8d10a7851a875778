// A terminal's catalog scope (issue 7): a device placed in a warehouse holds only that warehouse's
// products, cells and operators, and looks up the rest online (hybrid lookup). The scope is applied
// to what a pull sends, so the store and its change log stay the same for every device.
//
// In scope for warehouse W: a product whose `warehouseIds` is empty or names W; a cell with no
// `warehouseId` or W; an operator whose `warehouseIds` is empty or names W; every warehouse row.
// A change to a row outside the scope is sent as a deletion (the terminal may hold an older version
// that was in scope). When the admin moves a device to another warehouse, its next pull from a
// cursor other than 0 is answered SYNC_MUST_REFETCH, so the terminal downloads its new scope whole.
// Task documents of another warehouse are not sent either, unless they name this device or an
// operator, or the device already holds them.
import { type CatalogChange, type Document, ShelfsyncError } from '@shelfsync/protocol';
import type { CatalogPage, CatalogStore, DeviceStore, DocumentPage, SettingsStore } from '@shelfsync/store';

export interface DeviceScope {
  warehouseId: string;
}

interface StoredScope {
  warehouseId: string | null;
  /** Set when the scope changed; cleared by the first pull from cursor 0 that follows. */
  refetch: boolean;
}

const scopeSetting = (deviceId: string) => `device.scope.${deviceId}`;

async function readScope(
  store: CatalogStore & DeviceStore & SettingsStore,
  deviceId: string,
): Promise<StoredScope | undefined> {
  const stored = await store.getSetting(scopeSetting(deviceId));
  return stored === undefined ? undefined : (JSON.parse(stored) as StoredScope);
}

/** The device's warehouse, if it has one. */
export async function deviceScope(
  store: CatalogStore & DeviceStore & SettingsStore,
  deviceId: string,
): Promise<DeviceScope | undefined> {
  const stored = await readScope(store, deviceId);
  return stored?.warehouseId ? { warehouseId: stored.warehouseId } : undefined;
}

/**
 * Places a device in a warehouse (null: the whole catalog). The warehouse must be in the catalog.
 * A change of scope makes the device download its catalog again at its next exchange.
 */
export async function setDeviceScope(
  store: CatalogStore & DeviceStore & SettingsStore,
  deviceId: string,
  warehouseId: string | null,
): Promise<void> {
  const devices = await store.listDevices();
  if (!devices.some((d) => d.id === deviceId)) {
    throw new ShelfsyncError('DEVICE_NOT_FOUND', undefined, { deviceId });
  }
  if (warehouseId !== null && !(await store.getCatalogRow('warehouses', warehouseId))) {
    throw new ShelfsyncError('CATALOG_ROW_NOT_FOUND', 'There is no warehouse with this id in the catalog.', {
      table: 'warehouses',
      id: warehouseId,
    });
  }
  const before = await readScope(store, deviceId);
  const changed = (before?.warehouseId ?? null) !== warehouseId;
  const next: StoredScope = { warehouseId, refetch: changed || (before?.refetch ?? false) };
  await store.setSetting(scopeSetting(deviceId), JSON.stringify(next));
}

/**
 * The scope a pull from `after` is answered with. Throws SYNC_MUST_REFETCH when the scope changed
 * since the device's replica was built; a pull from 0 starts the new replica and clears the mark.
 */
export async function scopeForPull(
  store: CatalogStore & DeviceStore & SettingsStore,
  deviceId: string,
  after: number,
): Promise<DeviceScope | undefined> {
  const stored = await readScope(store, deviceId);
  if (stored === undefined) return undefined;
  if (stored.refetch) {
    if (after > 0) {
      throw new ShelfsyncError('SYNC_MUST_REFETCH', 'This terminal was moved to another warehouse.', {
        cursor: after,
        warehouseId: stored.warehouseId,
      });
    }
    await store.setSetting(scopeSetting(deviceId), JSON.stringify({ ...stored, refetch: false }));
  }
  return stored.warehouseId ? { warehouseId: stored.warehouseId } : undefined;
}

function names(value: unknown, warehouseId: string): boolean {
  return Array.isArray(value) && value.includes(warehouseId);
}

/** Whether a catalog row belongs on a terminal of this warehouse. */
export function rowInScope(table: CatalogChange['table'], row: Record<string, unknown>, scope: DeviceScope) {
  switch (table) {
    case 'products':
    case 'users': {
      const ids = row['warehouseIds'];
      return !Array.isArray(ids) || ids.length === 0 || names(ids, scope.warehouseId);
    }
    case 'cells':
      return row['warehouseId'] === undefined || row['warehouseId'] === scope.warehouseId;
    case 'warehouses':
      return true;
  }
}

/**
 * A catalog page as a scoped device receives it: a first load skips rows outside the scope, later
 * pages turn them into deletions. Base checksums cover the whole catalog, so they are left out.
 */
export function scopeCatalogPage(page: CatalogPage, scope: DeviceScope, firstLoad: boolean): CatalogPage {
  const changes: CatalogChange[] = [];
  for (const change of page.changes) {
    if (change.op !== 'put' || rowInScope(change.table, change.row, scope)) changes.push(change);
    else if (!firstLoad) changes.push({ op: 'del', table: change.table, id: change.id, seq: change.seq });
  }
  return { changes, cursor: page.cursor, hasMore: page.hasMore };
}

/** Whether a task document goes to a terminal of this warehouse. */
export function documentInScope(doc: Document, scope: DeviceScope, deviceId: string): boolean {
  if (doc.warehouseId === undefined || doc.warehouseId === scope.warehouseId) return true;
  const personal = doc.assignee?.deviceId === deviceId || (doc.assignee?.userIds?.length ?? 0) > 0;
  return personal || doc.deviceId === deviceId;
}

/** A document page without other warehouses' documents for anyone (revocations pass unchanged). */
export function scopeDocumentPage(page: DocumentPage, scope: DeviceScope, deviceId: string): DocumentPage {
  return { ...page, items: page.items.filter((doc) => documentInScope(doc, scope, deviceId)) };
}
