import type { CatalogChange, Document } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  deviceScope,
  documentInScope,
  rowInScope,
  scopeCatalogPage,
  scopeForPull,
  setDeviceScope,
} from './catalog-scope.js';
import { enrollDevice, type Harness, startHarness } from './testing/harness.js';

const W1 = { warehouseId: 'W1' };

describe('rows in a warehouse scope', () => {
  test('products and operators: no warehouses named means everywhere', () => {
    expect(rowInScope('products', { id: 'P' }, W1)).toBe(true);
    expect(rowInScope('products', { id: 'P', warehouseIds: [] }, W1)).toBe(true);
    expect(rowInScope('products', { id: 'P', warehouseIds: ['W2', 'W1'] }, W1)).toBe(true);
    expect(rowInScope('products', { id: 'P', warehouseIds: ['W2'] }, W1)).toBe(false);
    expect(rowInScope('users', { id: 'U', warehouseIds: ['W2'] }, W1)).toBe(false);
    expect(rowInScope('users', { id: 'U', warehouseIds: [] }, W1)).toBe(true);
  });

  test('cells belong to one warehouse or to all; warehouses are always sent', () => {
    expect(rowInScope('cells', { id: 'C' }, W1)).toBe(true);
    expect(rowInScope('cells', { id: 'C', warehouseId: 'W1' }, W1)).toBe(true);
    expect(rowInScope('cells', { id: 'C', warehouseId: 'W2' }, W1)).toBe(false);
    expect(rowInScope('warehouses', { id: 'W2' }, W1)).toBe(true);
  });
});

describe('a scoped catalog page', () => {
  const put = (id: string, seq: number, row: Record<string, unknown>): CatalogChange => ({
    op: 'put',
    table: 'products',
    id,
    seq,
    row: { id, name: id, ...row },
  });
  const page = {
    changes: [
      put('A', 1, { warehouseIds: ['W1'] }),
      put('B', 2, { warehouseIds: ['W2'] }),
      { op: 'del', table: 'products', id: 'C', seq: 3 } as CatalogChange,
      put('D', 4, {}),
    ],
    cursor: 4,
    hasMore: false,
    checksums: { products: 1, cells: 0, warehouses: 0, users: 0 },
  };

  test('a first load skips rows of other warehouses and carries no base checksums', () => {
    const scoped = scopeCatalogPage(page, W1, true);
    expect(scoped.changes.map((c) => `${c.op}:${c.id}`)).toEqual(['put:A', 'del:C', 'put:D']);
    expect(scoped).toMatchObject({ cursor: 4, hasMore: false });
    expect(scoped.checksums).toBeUndefined();
  });

  test('a later page turns a row that left the warehouse into a deletion', () => {
    const scoped = scopeCatalogPage(page, W1, false);
    expect(scoped.changes.map((c) => `${c.op}:${c.id}:${c.seq}`)).toEqual([
      'put:A:1',
      'del:B:2',
      'del:C:3',
      'put:D:4',
    ]);
  });
});

describe('placing a device in a warehouse', () => {
  let h: Harness;
  let deviceId = '';
  beforeEach(async () => {
    h = await startHarness();
    await h.store.upsertCatalog(
      'warehouses',
      [
        { id: 'W1', name: 'Main' },
        { id: 'W2', name: 'Cold' },
      ],
      'merge',
    );
    deviceId = (await enrollDevice(h)).deviceId;
  });
  afterEach(() => h.close());

  test('a change of warehouse asks for one refetch; the pull from 0 clears it', async () => {
    expect(await scopeForPull(h.store, deviceId, 10)).toBeUndefined();
    await setDeviceScope(h.store, deviceId, 'W1');
    expect(await deviceScope(h.store, deviceId)).toEqual(W1);
    await expect(scopeForPull(h.store, deviceId, 10)).rejects.toMatchObject({ code: 'SYNC_MUST_REFETCH' });
    expect(await scopeForPull(h.store, deviceId, 0)).toEqual(W1);
    expect(await scopeForPull(h.store, deviceId, 10)).toEqual(W1);
    // Placing it again where it is changes nothing for its replica.
    await setDeviceScope(h.store, deviceId, 'W1');
    expect(await scopeForPull(h.store, deviceId, 10)).toEqual(W1);
    await setDeviceScope(h.store, deviceId, null);
    await expect(scopeForPull(h.store, deviceId, 10)).rejects.toBeInstanceOf(ShelfsyncError);
    expect(await scopeForPull(h.store, deviceId, 0)).toBeUndefined();
    expect(await deviceScope(h.store, deviceId)).toBeUndefined();
  });

  test('an unknown device or warehouse is refused and the placement kept', async () => {
    await setDeviceScope(h.store, deviceId, 'W2');
    await expect(setDeviceScope(h.store, 'ghost', 'W1')).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    await expect(setDeviceScope(h.store, deviceId, 'W9')).rejects.toMatchObject({
      code: 'CATALOG_ROW_NOT_FOUND',
    });
    expect(await deviceScope(h.store, deviceId)).toEqual({ warehouseId: 'W2' });
  });
});

describe('task documents for a terminal of one warehouse', () => {
  const doc = (extra: Partial<Document>): Document =>
    ({
      id: 'D',
      type: 'picking',
      status: 'new',
      rev: 1,
      lines: [],
      facts: [],
      origin: 'accounting',
      ...extra,
    }) as Document;

  test("another warehouse's document for anyone is not sent; its own and unplaced ones are", () => {
    expect(documentInScope(doc({ warehouseId: 'W1' }), W1, 'dev-1')).toBe(true);
    expect(documentInScope(doc({}), W1, 'dev-1')).toBe(true);
    expect(documentInScope(doc({ warehouseId: 'W2' }), W1, 'dev-1')).toBe(false);
    expect(documentInScope(doc({ warehouseId: 'W2', assignee: { group: 'pickers' } }), W1, 'dev-1')).toBe(
      false,
    );
  });

  test('a document naming the device or operators, or held by the device, is sent whatever its warehouse', () => {
    expect(documentInScope(doc({ warehouseId: 'W2', assignee: { deviceId: 'dev-1' } }), W1, 'dev-1')).toBe(
      true,
    );
    expect(documentInScope(doc({ warehouseId: 'W2', assignee: { deviceId: 'dev-2' } }), W1, 'dev-1')).toBe(
      false,
    );
    expect(documentInScope(doc({ warehouseId: 'W2', assignee: { userIds: ['U2'] } }), W1, 'dev-1')).toBe(
      true,
    );
    expect(documentInScope(doc({ warehouseId: 'W2', deviceId: 'dev-1' }), W1, 'dev-1')).toBe(true);
  });
});
