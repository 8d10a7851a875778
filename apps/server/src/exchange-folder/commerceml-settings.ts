// The base's CommerceML import settings, kept in the store's key/value settings (one JSON value) and
// set through the integration API (routes/commerceml-settings.ts): which price type terminals show
// as the price, and whether a full catalog deletes the products it no longer lists.
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
