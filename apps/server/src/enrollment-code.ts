// One-time enrollment codes: 8 digits shown as `1234-5678`, kept only as a sha256 hash.
import { randomInt } from 'node:crypto';
import type { DeviceStore, SettingsStore } from '@shelfsync/store';
import { sha256Hex } from './secrets.js';

export const DEFAULT_ENROLLMENT_TTL_MS = 24 * 60 * 60 * 1000;

/** Digits only, so `1234-5678`, `1234 5678` and `12345678` are the same code. */
export function normalizeEnrollmentCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

export function hashEnrollmentCode(code: string): string {
  return sha256Hex(normalizeEnrollmentCode(code));
}

/** Creates a code valid for `ttlMs` and stores its hash; the clear code is returned once. */
export async function createEnrollmentCode(
  store: DeviceStore,
  ttlMs: number = DEFAULT_ENROLLMENT_TTL_MS,
  now: Date = new Date(),
): Promise<{ code: string; expiresAt: string }> {
  const digits = String(randomInt(100_000_000)).padStart(8, '0');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await store.createEnrollment(sha256Hex(digits), expiresAt, now.toISOString());
  return { code: `${digits.slice(0, 4)}-${digits.slice(4)}`, expiresAt };
}

/** Where the hash of the code an instance printed at start is kept, so its next start can end it. */
export function startupCodeSetting(instance: string): string {
  return `enrollment.startup_code_hash:${sha256Hex(instance).slice(0, 16)}`;
}

/**
 * The code a start prints. Only its hash is stored, so a restart cannot print the same code again:
 * it ends the previous start's code if still unused, then makes a new one. One start-up code per
 * instance (`instance`: its host and data directory) is live however often it restarts, and several
 * instances over one PostgreSQL each keep their own. Codes from the API are never touched.
 */
export async function createStartupEnrollmentCode(
  store: DeviceStore & SettingsStore,
  instance: string,
  ttlMs: number = DEFAULT_ENROLLMENT_TTL_MS,
  now: Date = new Date(),
): Promise<{ code: string; expiresAt: string; replaced: boolean }> {
  const setting = startupCodeSetting(instance);
  const previous = await store.getSetting(setting);
  const replaced = previous !== undefined && (await store.revokeEnrollment(previous, now.toISOString()));
  const created = await createEnrollmentCode(store, ttlMs, now);
  await store.setSetting(setting, hashEnrollmentCode(created.code));
  return { ...created, replaced };
}
