// What this terminal actually uses: the base's operator settings in force, overridden by choices made
// on this device, with the browser's preferred languages when neither names a language.
// Precedence (docs/operations.md, Configuration): device choice > base setting > built-in default.
import type { OperatorSettings } from '@shelfsync/protocol';
import { type Lang, pickLanguage } from '../i18n/i18n.js';
import type { LangChoice } from './preferences.js';

/** Choices made in this device's Settings screen. */
export interface DevicePreferences {
  /** 'auto': none made, the base's language (else the browser's) applies. */
  lang: LangChoice;
  /** undefined: never switched here, the base's `sound` applies. */
  sound: boolean | undefined;
}

export interface EffectiveSettings {
  lang: Lang;
  sound: boolean;
  syncIntervalMs: number;
}

/** Between background exchanges when no configuration is in force (an older base, or none yet). */
export const DEFAULT_SYNC_INTERVAL_MS = 60_000;

export function effectiveSettings(
  device: DevicePreferences,
  base: OperatorSettings | undefined,
  browserLanguages: readonly string[],
): EffectiveSettings {
  return {
    lang: device.lang !== 'auto' ? device.lang : (base?.language ?? pickLanguage(browserLanguages)),
    sound: device.sound ?? base?.sound ?? true,
    syncIntervalMs: syncIntervalMs(base),
  };
}

/** The background exchange interval: the base decides, nothing on the device overrides it. */
export function syncIntervalMs(base: OperatorSettings | undefined): number {
  return base ? base.syncIntervalSeconds * 1000 : DEFAULT_SYNC_INTERVAL_MS;
}
