// The device registry as the integration API shows it: every terminal's last contact, versions,
// unsent backlog, storage and group, with those silent for longer than a threshold flagged.
import type { CatalogStore, DeviceRegistryEntry, DeviceStore, SettingsStore } from '@shelfsync/store';
import { deviceScope } from './catalog-scope.js';

export const DEFAULT_SILENT_MINUTES = 60;

export type RegistryItem = DeviceRegistryEntry & { silent: boolean; warehouseId?: string };

/** A revoked device is never "silent": nobody expects it to call. One never seen counts from enrollment. */
export function isSilent(device: DeviceRegistryEntry, now: Date, silentMinutes: number): boolean {
  if (device.revoked) return false;
  const last = Date.parse(device.lastSeenAt ?? device.enrolledAt);
  return now.getTime() - last > silentMinutes * 60_000;
}

export async function deviceRegistry(
  store: CatalogStore & DeviceStore & SettingsStore,
  now: Date,
  silentMinutes = DEFAULT_SILENT_MINUTES,
): Promise<RegistryItem[]> {
  const devices = await store.listDeviceRegistry();
  return Promise.all(
    devices.map(async (d) => {
      const scope = await deviceScope(store, d.id);
      const item: RegistryItem = { ...d, silent: isSilent(d, now, silentMinutes) };
      if (scope) item.warehouseId = scope.warehouseId;
      return item;
    }),
  );
}
