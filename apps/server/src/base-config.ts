// The base configuration (document types, operator settings, label rules) with one content-hash
// version over all, so changing a setting alone still makes every terminal take the new configuration.
import { createHash } from 'node:crypto';
import {
  type BarcodeSettings,
  BarcodeSettingsSchema,
  type BaseConfig,
  type BaseConfigFile,
  canonicalJson,
  type OperatorSettings,
  OperatorSettingsSchema,
} from '@shelfsync/protocol';
import type { ConfigStore, SettingsStore } from '@shelfsync/store';

/** Settings live in the store's key/value settings; the document types keep their own storage. */
export const OPERATOR_SETTINGS_KEY = 'config.settings';
/** Scale and in-store label rules, `null` when the configuration has none. */
export const BARCODE_SETTINGS_KEY = 'config.barcodes';

export function configVersion(file: BaseConfigFile): string {
  const hash = createHash('sha256').update(canonicalJson(file)).digest('hex');
  return `sha256:${hash.slice(0, 16)}`;
}

async function readSettings(store: ConfigStore & SettingsStore): Promise<OperatorSettings> {
  const stored = await store.getSetting(OPERATOR_SETTINGS_KEY);
  const parsed = OperatorSettingsSchema.safeParse(stored === undefined ? {} : JSON.parse(stored));
  // A value written by a later version with fields this one lacks falls back to the defaults.
  return parsed.success ? parsed.data : OperatorSettingsSchema.parse({});
}

async function readBarcodes(store: SettingsStore): Promise<BarcodeSettings | undefined> {
  const stored = await store.getSetting(BARCODE_SETTINGS_KEY);
  if (stored === undefined || stored === 'null') return undefined;
  const parsed = BarcodeSettingsSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : undefined;
}

export async function readBaseConfig(store: ConfigStore & SettingsStore): Promise<BaseConfig> {
  const [{ documentTypes }, settings, barcodes] = await Promise.all([
    store.getConfig(),
    readSettings(store),
    readBarcodes(store),
  ]);
  // Without label rules the file (and so the version) is what it was before they existed.
  const file = { documentTypes, settings, ...(barcodes ? { barcodes } : {}) };
  return { version: configVersion(file), ...file };
}

/**
 * Stores a validated configuration. Settings go first: a hello between the two writes sees new
 * settings with old types, a consistent pair with its own version, replaced at the next hello.
 */
export async function storeBaseConfig(
  store: ConfigStore & SettingsStore,
  file: BaseConfigFile,
): Promise<BaseConfig> {
  await store.setSetting(OPERATOR_SETTINGS_KEY, JSON.stringify(file.settings));
  await store.setSetting(BARCODE_SETTINGS_KEY, JSON.stringify(file.barcodes ?? null));
  await store.putDocumentTypes(file.documentTypes);
  return { version: configVersion(file), ...file };
}
