// What server mode adds to a terminal's hello beyond the sync basics: the app version its device
// group should run, where each catalog table is looked up (hybrid lookup), and the configuration
// version the terminal reported, for the device registry.
import {
  DEFAULT_LOOKUP_PLACEMENT,
  type HelloApp,
  type LookupConfig,
  LookupConfigSchema,
  PROTOCOL_VERSION,
} from '@shelfsync/protocol';
import type { AppStore, DeviceStore, SettingsStore } from '@shelfsync/store';

export const LOOKUP_SETTING = 'lookup.placement';

/** The admin's placement per table, or products looked up hybrid. */
export async function lookupConfig(store: AppStore & DeviceStore & SettingsStore): Promise<LookupConfig> {
  const stored = await store.getSetting(LOOKUP_SETTING);
  const parsed = stored === undefined ? undefined : LookupConfigSchema.safeParse(JSON.parse(stored));
  return parsed?.success ? parsed.data : { products: { placement: DEFAULT_LOOKUP_PLACEMENT } };
}

/** The current app version of the device's group, as hello offers it. */
export async function offeredApp(
  store: AppStore & DeviceStore & SettingsStore,
  deviceId: string,
): Promise<HelloApp | undefined> {
  const { current } = await store.groupAppVersion(await store.deviceGroup(deviceId));
  // Never offer an app this server cannot talk to (say, after the server was downgraded).
  if (!current || current.minProtocol > PROTOCOL_VERSION) return undefined;
  const hosted = await store.getAppFile(current.version, 'index.html');
  return {
    version: current.version,
    ...(current.notes === '' ? {} : { notes: current.notes }),
    ...(hosted ? { url: `/app/${encodeURIComponent(current.version)}/` } : {}),
  };
}

export async function helloExtras(
  store: AppStore & DeviceStore & SettingsStore,
  deviceId: string,
  configVersion: string | undefined,
): Promise<{ app?: HelloApp; lookup: LookupConfig }> {
  if (configVersion !== undefined) await store.recordDeviceConfigVersion(deviceId, configVersion);
  const [app, lookup] = await Promise.all([offeredApp(store, deviceId), lookupConfig(store)]);
  return app ? { app, lookup } : { lookup };
}
