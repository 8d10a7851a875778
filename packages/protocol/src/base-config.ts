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

export const BaseConfigFileSchema = z
  .object({
    documentTypes: z.array(DocumentTypeSchema).min(1),
    settings: OperatorSettingsSchema.default(OperatorSettingsSchema.parse({})),
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
