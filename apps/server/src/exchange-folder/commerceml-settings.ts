// The base's CommerceML import settings, kept in the store's key/value settings (one JSON value) and
// set through the integration API (routes/commerceml-settings.ts): which price type terminals show
// as the price, and whether a full catalog deletes the products it no longer lists. Beside them, the
// properties earlier files declared.
import type { CmlProperty } from '@shelfsync/formats';
import type { SettingsStore } from '@shelfsync/store';
import { z } from 'zod';

export const COMMERCEML_SETTING = 'commerceml.settings';

export const CommerceMlSettingsSchema = z
  .object({
    /** ТипЦены Ид or Наименование shown as product.price; absent: the first the file declares. */
    priceType: z.string().trim().min(1).max(200).optional(),
    /** A catalog with СодержитТолькоИзменения="false" deletes its products it no longer lists. */
    deleteMissing: z.boolean().default(true),
  })
  .strict();
export type CommerceMlSettings = z.output<typeof CommerceMlSettingsSchema>;

export async function readCommerceMlSettings(store: SettingsStore): Promise<CommerceMlSettings> {
  const stored = await store.getSetting(COMMERCEML_SETTING);
  const parsed = CommerceMlSettingsSchema.safeParse(stored === undefined ? {} : JSON.parse(stored));
  // A value written by a later version with fields this one lacks falls back to the defaults.
  return parsed.success ? parsed.data : CommerceMlSettingsSchema.parse({});
}

export async function writeCommerceMlSettings(
  store: SettingsStore,
  settings: CommerceMlSettings,
): Promise<CommerceMlSettings> {
  await store.setSetting(COMMERCEML_SETTING, JSON.stringify(settings));
  return settings;
}

/**
 * Properties (Свойство: name, dictionary values) declared by files imported so far, by Ид. CommerceML
 * 3.1 declares them in files of their own (propertiesGoods, propertiesOffers) or in import.xml, and
 * offers name them only by Ид: kept here, later files still show their names.
 */
export const COMMERCEML_PROPERTIES = 'commerceml.properties';

export async function readKnownProperties(store: SettingsStore): Promise<CmlProperty[]> {
  const stored = await store.getSetting(COMMERCEML_PROPERTIES);
  if (stored === undefined) return [];
  try {
    return Object.values(JSON.parse(stored) as Record<string, CmlProperty>);
  } catch {
    return [];
  }
}

/** Adds (or replaces, by Ид) the properties a file declared. */
export async function rememberProperties(
  store: SettingsStore,
  declared: readonly CmlProperty[],
): Promise<void> {
  const known = Object.fromEntries((await readKnownProperties(store)).map((p) => [p.id, p]));
  for (const p of declared) known[p.id] = p;
  await store.setSetting(COMMERCEML_PROPERTIES, JSON.stringify(known));
}
