// An enrollment bundle: how a terminal that can never reach the base (RDP relay) becomes one of its
// devices. The base registers the device (through a one-time code, as over HTTP), makes the device's
// signing key pair, keeps the public half and signs the grant; the terminal pins the base key in it.
import { type BundleCrypto, bundleFileName, type EnrollmentGrant, writeBundle } from '@shelfsync/bundle';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { DeviceStore, SettingsStore } from '@shelfsync/store';
import { createEnrollmentCode, hashEnrollmentCode } from '../enrollment-code.js';
import { generateDeviceId, generateDeviceToken, sha256Hex } from '../secrets.js';
import { baseBundleKey, setDeviceBundleKey } from './bundle-keys.js';

export interface EnrollmentBundle {
  deviceId: string;
  name: string;
  bytes: Uint8Array;
}

export async function createEnrollmentBundle(
  store: DeviceStore & SettingsStore,
  crypto: BundleCrypto,
  opts: { name: string; now: Date },
): Promise<EnrollmentBundle> {
  const { code } = await createEnrollmentCode(store, 60_000, opts.now);
  const token = generateDeviceToken();
  const device = { id: generateDeviceId(), tokenHash: sha256Hex(token), name: opts.name, platform: 'bundle' };
  const outcome = await store.enrollDevice(hashEnrollmentCode(code), device, opts.now.toISOString());
  if (!outcome.ok) throw new ShelfsyncError(outcome.reason);
  const [baseKey, deviceKey, baseId] = await Promise.all([
    baseBundleKey(store, crypto),
    crypto.generateKeyPair(),
    store.baseId(),
  ]);
  await setDeviceBundleKey(store, device.id, deviceKey.publicKey);
  const grant: EnrollmentGrant = {
    deviceId: device.id,
    token,
    baseId,
    baseKey: baseKey.publicKey,
    deviceKey,
  };
  const manifest = {
    kind: 'enrollment' as const,
    baseId,
    deviceId: device.id,
    direction: 'to-terminal' as const,
    sequence: 0,
    cursors: { catalog: { from: 0, to: 0 }, documents: { from: 0, to: 0 } },
    mutations: { from: 0, to: 0 },
    logsUpTo: 0,
    signerKey: baseKey.publicKey,
    createdAt: opts.now.toISOString(),
  };
  const bytes = await writeBundle(manifest, [{ name: 'enrollment', lines: [grant] }], baseKey, crypto);
  return { deviceId: device.id, name: bundleFileName(manifest), bytes };
}
