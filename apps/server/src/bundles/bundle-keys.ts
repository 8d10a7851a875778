// The base's bundle keys and counters, kept in the store's settings so they live and are backed up
// with the base: its Ed25519 signing key, each bundle terminal's public key, and per device the
// sequence number of the last bundle answered (a bundle at or below it is a copy, refused).
import type { BundleCrypto, BundleKeyPair } from '@shelfsync/bundle';
import type { SettingsStore } from '@shelfsync/store';

const BASE_KEY = 'bundle.baseKey';
const deviceKeySetting = (deviceId: string) => `bundle.deviceKey.${deviceId}`;
const answeredSetting = (deviceId: string) => `bundle.answered.${deviceId}`;

/** The base's signing key, made on first use. */
export async function baseBundleKey(store: SettingsStore, crypto: BundleCrypto): Promise<BundleKeyPair> {
  const stored = await store.getSetting(BASE_KEY);
  if (stored !== undefined) return JSON.parse(stored) as BundleKeyPair;
  const key = await crypto.generateKeyPair();
  await store.setSetting(BASE_KEY, JSON.stringify(key));
  return key;
}

export function deviceBundleKey(store: SettingsStore, deviceId: string): Promise<string | undefined> {
  return store.getSetting(deviceKeySetting(deviceId));
}

export function setDeviceBundleKey(store: SettingsStore, deviceId: string, publicKey: string): Promise<void> {
  return store.setSetting(deviceKeySetting(deviceId), publicKey);
}

export async function lastAnswered(store: SettingsStore, deviceId: string): Promise<number> {
  return Number((await store.getSetting(answeredSetting(deviceId))) ?? 0);
}

export function setLastAnswered(store: SettingsStore, deviceId: string, sequence: number): Promise<void> {
  return store.setSetting(answeredSetting(deviceId), String(sequence));
}
