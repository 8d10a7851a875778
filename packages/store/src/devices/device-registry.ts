// The device registry view and stock by cell, written once for both dialects through Tx.
import { DEFAULT_DEVICE_GROUP, type StockRow } from '@shelfsync/protocol';
import type { DeviceRegistryEntry } from '../server-store.js';
import type { Tx } from '../tx.js';
import { type DeviceRow, toDevice } from './devices.js';

interface RegistryRow extends DeviceRow {
  storage_used: number | null;
  storage_free: number | null;
  config_version: string | null;
  grp: string | null;
}

export async function listDeviceRegistry(db: Tx): Promise<DeviceRegistryEntry[]> {
  const rows = await db.all<RegistryRow>(
    `SELECT d.id, d.name, d.platform, d.enrolled_at, d.last_seen_at, d.app_version, d.protocol_version,
       d.backlog, d.storage_used, d.storage_free, d.config_version, d.revoked, g.grp
     FROM devices d LEFT JOIN device_groups g ON g.device_id = d.id ORDER BY d.enrolled_at, d.id`,
  );
  return rows.map(toEntry);
}

function toEntry(r: RegistryRow): DeviceRegistryEntry {
  return {
    ...toDevice(r),
    group: r.grp ?? DEFAULT_DEVICE_GROUP,
    ...(r.config_version === null ? {} : { configVersion: r.config_version }),
    ...(r.storage_used !== null && r.storage_free !== null
      ? { storage: { used: Number(r.storage_used), free: Number(r.storage_free) } }
      : {}),
  };
}

export async function recordDeviceConfigVersion(db: Tx, deviceId: string, version: string): Promise<void> {
  await db.run('UPDATE devices SET config_version = ? WHERE id = ?', [version, deviceId]);
}

export async function putStock(db: Tx, rows: readonly StockRow[], now: string): Promise<number> {
  for (const row of rows) {
    await db.run(
      `INSERT INTO stock (product_id, warehouse_id, cell_id, qty, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (product_id, warehouse_id, cell_id) DO UPDATE SET qty = excluded.qty, updated_at = excluded.updated_at`,
      [row.productId, row.warehouseId ?? '', row.cellId, row.qty, now],
    );
  }
  return rows.length;
}

export interface StockDbRow {
  product_id: string;
  warehouse_id: string;
  cell_id: string;
  qty: number;
}

export const GET_STOCK_SQL =
  'SELECT product_id, warehouse_id, cell_id, qty FROM stock WHERE product_id = ? ORDER BY warehouse_id, cell_id';

export function toStockRow(r: StockDbRow): StockRow {
  return {
    productId: r.product_id,
    cellId: r.cell_id,
    qty: Number(r.qty),
    ...(r.warehouse_id === '' ? {} : { warehouseId: r.warehouse_id }),
  };
}

export async function getStock(db: Tx, productId: string): Promise<StockRow[]> {
  return (await db.all<StockDbRow>(GET_STOCK_SQL, [productId])).map(toStockRow);
}
