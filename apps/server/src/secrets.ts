// Random credentials the server hands out and the hashes it keeps instead of them.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored sha256 hex digest. */
export function matchesSha256(secret: string, expectedHex: string): boolean {
  const actual = createHash('sha256').update(secret, 'utf8').digest();
  const expected = Buffer.from(expectedHex, 'hex');
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}

/** An API key for integrations: 32 random bytes, URL-safe. */
export function generateApiKey(): string {
  return randomBytes(32).toString('base64url');
}

/** A device bearer token: 32 random bytes; only its sha256 is stored. */
export function generateDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `dev-` + 12 random base32 characters (60 bits): short enough to read out on the phone. */
export function generateDeviceId(): string {
  let id = 'dev-';
  for (let i = 0; i < 12; i++) id += BASE32[randomInt(32)];
  return id;
}
