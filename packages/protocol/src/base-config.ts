// The base's configuration as an admin edits it (one YAML or JSON file): document types plus the
// operator settings terminals apply on their main screen (DESIGN.md §7 Configuration updates).
import { z } from 'zod';
import { DocumentTypeSchema } from './document-type.js';

/** Settings for the operator's screens; every field has a default so an empty block is valid. */
export const OperatorSettingsSchema = z
  .object({
    /**
     * Language terminals start in until someone picks another on the device; absent: each terminal
     * follows its browser's preferred languages (Russian when it prefers Russian).
     */
    language: z.enum(['en', 'ru']).optional(),
    /** Beeps on scans and refusals. */
    sound: z.boolean().default(true),
    /** Seconds between background exchanges while a link is up. */
    syncIntervalSeconds: z.number().int().min(5).max(86_400).default(60),
  })
  .strict();
export type OperatorSettings = z.infer<typeof OperatorSettingsSchema>;

/**
 * A scale or in-store label (restricted-circulation EAN-13, prefix 20–29 by GS1's rules): `prefix`,
 * then `itemDigits` of item code, then `valueDigits` of the value, then a check digit. `kind` says
 * what the value is: weight (kg with `decimals` places, default 3: grams), price (default 2:
 * kopecks) or count (pieces, default 0). The item code is looked up as the product's barcode
 * (prefix + item code, padded with zeros and a check digit, as catalogs store weight items).
 */
export const InStoreCodeSchema = z
  .object({
    prefix: z.string().regex(/^\d{1,7}$/, 'prefix must be 1–7 digits'),
    kind: z.enum(['weight', 'price', 'count']),
    itemDigits: z.number().int().min(1).max(12),
    valueDigits: z.number().int().min(1).max(12),
    decimals: z.number().int().min(0).max(6).optional(),
    checkDigit: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.prefix.length + r.itemDigits + r.valueDigits + (r.checkDigit === false ? 0 : 1) <= 20, {
    message: 'prefix, item code, value and check digit must fit in 20 digits',
  });
export type InStoreCode = z.infer<typeof InStoreCodeSchema>;

/** How terminals read barcodes beyond GS1 and the catalog: scale and in-store labels. */
export const BarcodeSettingsSchema = z
  .object({
    inStore: z
      .array(InStoreCodeSchema)
      .max(30)
      .refine((rules) => new Set(rules.map((r) => r.prefix)).size === rules.length, {
        message: 'two in-store rules have the same prefix',
      })
      .default([]),
  })
  .strict();
export type BarcodeSettings = z.infer<typeof BarcodeSettingsSchema>;

export const BaseConfigFileSchema = z
  .object({
    documentTypes: z.array(DocumentTypeSchema).min(1),
    settings: OperatorSettingsSchema.default(OperatorSettingsSchema.parse({})),
    /** Absent: no in-store labels (and the version of a configuration without them is unchanged). */
    barcodes: BarcodeSettingsSchema.optional(),
  })
  .strict();
export type BaseConfigFile = z.infer<typeof BaseConfigFileSchema>;

/** The configuration with its content-hash version, as the admin API and hello carry it. */
export const BaseConfigSchema = BaseConfigFileSchema.extend({ version: z.string() });
export type BaseConfig = z.infer<typeof BaseConfigSchema>;

/** One problem in a configuration file, placed where an editor can jump to it. */
export const ConfigIssueSchema = z.object({
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  path: z.string(),
  message: z.string(),
});
export type ConfigIssue = z.infer<typeof ConfigIssueSchema>;
