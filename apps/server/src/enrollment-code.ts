// One-time enrollment codes: 8 digits shown as `1234-5678`, kept only as a sha256 hash.
import { randomInt } from 'node:crypto';
import type { DeviceStore } from '@shelfsync/store';
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
