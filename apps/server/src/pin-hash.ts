// Operator PINs and badges become salted PBKDF2 hashes before they enter the catalog, so terminals
// can check them offline without ever holding the clear value.
import { createHash, pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

export const PIN_HASH_ITERATIONS = 10_000;
const KEY_BYTES = 32;

/**
 * Salt derived from the base id, the user and the secret's kind. Deterministic on purpose: an
 * unchanged PIN re-uploaded every night must give the same row, or every upload would rewrite every
 * user in the change log. It stays unique per base, user and kind, which is what defeats
 * precomputed tables.
 */
export function pinSalt(baseId: string, userId: string, kind: 'pin' | 'badge'): Buffer {
  return createHash('sha256')
    .update(`shelfsync:${kind}:${baseId}:${userId}`, 'utf8')
    .digest()
    .subarray(0, 16);
}

/** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` */
export async function hashPin(secret: string, salt: Buffer): Promise<string> {
  const hash = await pbkdf2Async(secret, salt, PIN_HASH_ITERATIONS, KEY_BYTES, 'sha256');
  return `pbkdf2-sha256$${PIN_HASH_ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a secret against a stored hash string; false for any malformed hash. */
export async function verifyPin(secret: string, stored: string): Promise<boolean> {
  const [scheme, iter, saltB64, hashB64] = stored.split('$');
  const iterations = Number(iter);
  if (scheme !== 'pbkdf2-sha256' || !Number.isInteger(iterations) || iterations < 1 || !saltB64 || !hashB64) {
    return false;
  }
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await pbkdf2Async(
    secret,
    Buffer.from(saltB64, 'base64'),
    iterations,
    expected.length,
    'sha256',
  );
  return expected.length > 0 && timingSafeEqual(actual, expected);
}
