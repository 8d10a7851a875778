// Terminal app versions (DESIGN.md §7): the base keeps built PWA versions, an admin assigns one to
// each device group (staged rollout, rollback) and hello tells each terminal which one it should run.
import { z } from 'zod';

export const appVersionText = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,49}$/, 'version: letters, digits and . + _ - (up to 50)');
export const deviceGroupName = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,49}$/, 'group: letters, digits and . _ - (up to 50)');

/** The group a device belongs to until an admin moves it. */
export const DEFAULT_DEVICE_GROUP = 'stable';

export const AppVersionInputSchema = z.object({
  version: appVersionText,
  notes: z.string().max(5000).default(''),
  /** Lowest device protocol version this app speaks. */
  minProtocol: z.number().int().positive(),
});
export type AppVersionInput = z.input<typeof AppVersionInputSchema>;

export const AppVersionSchema = AppVersionInputSchema.extend({ createdAt: z.string() });
export type AppVersion = z.infer<typeof AppVersionSchema>;

/** In hello: the app version this device's group should run; the terminal switches on its main screen. */
export const HelloAppSchema = z.object({
  version: appVersionText,
  notes: z.string().max(5000).optional(),
  /** Where the built app is served, when the base hosts its files. */
  url: z.string().max(500).optional(),
});
export type HelloApp = z.infer<typeof HelloAppSchema>;
