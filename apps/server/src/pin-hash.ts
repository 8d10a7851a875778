// Operator PINs and badges become salted PBKDF2 hashes before they enter the catalog, so terminals
// can check them offline without ever holding the clear value. docs/security.md "Operator PINs" has
// the threat model and the figures behind the iteration count.
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/**
 * About 0.45 s per check on one core of the reference machine (about 1.8 s on a terminal four times
 * slower), paid once per sign-in whatever the number of operators (one salt per base, below). The
 * most that terminal apps before this version accept (1,000,000), so they still sign operators in.
 * Hashes with fewer iterations (the 10,000 of earlier versions) still verify, and are replaced at the
 * next upload.
 */
export const PIN_HASH_ITERATIONS = 1_000_000;
/** A damaged or hostile hash string must not make a check take minutes. */
const MAX_VERIFY_ITERATIONS = 5_000_000;
const KEY_BYTES = 32;

/**
 * Salt per base and kind of secret, the same for every operator of the base. Sign-in takes a PIN
 * alone, so a terminal must test it against every operator: with one salt it derives the key once and
 * compares it with each hash, so each derivation can cost what N per-user derivations cost before.
 * Deterministic, so an unchanged PIN uploaded every night gives the same row; unique per base, which
 * defeats precomputed tables.
 */
export function pinSalt(baseId: string, kind: 'pin' | 'badge'): Buffer {
  return createHash('sha256').update(`shelfsync:${kind}:${baseId}`, 'utf8').digest().subarray(0, 16);
}

/**
 * Hashes already derived by this process, so a nightly upload of the same operators costs no
 * derivation. Keyed by an HMAC under a key that never leaves the process, never by the clear secret.
 */
const derived = new Map<string, string>();
const cacheKey = randomBytes(32);
const CACHE_LIMIT = 10_000;

/** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` */
export async function hashPin(secret: string, salt: Buffer): Promise<string> {
  const key = createHmac('sha256', cacheKey).update(salt).update(secret, 'utf8').digest('base64');
  const known = derived.get(key);
  if (known !== undefined) return known;
  const hash = await pbkdf2Async(secret, salt, PIN_HASH_ITERATIONS, KEY_BYTES, 'sha256');
  const stored = `pbkdf2-sha256$${PIN_HASH_ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}`;
  if (derived.size >= CACHE_LIMIT) derived.delete(derived.keys().next().value as string);
  derived.set(key, stored);
  return stored;
}

/** Checks a secret against a stored hash string (any iteration count); false for a malformed hash. */
export async function verifyPin(secret: string, stored: string): Promise<boolean> {
  const [scheme, iter, saltB64, hashB64, ...rest] = stored.split('$');
  const iterations = Number(iter);
  if (
    scheme !== 'pbkdf2-sha256' ||
    rest.length > 0 ||
    !Number.isInteger(iterations) ||
    iterations < 1 ||
    iterations > MAX_VERIFY_ITERATIONS ||
    !saltB64 ||
    !hashB64
  ) {
    return false;
  }
  const expected = Buffer.from(hashB64, 'base64');
  if (expected.length === 0) return false;
  const actual = await pbkdf2Async(
    secret,
    Buffer.from(saltB64, 'base64'),
    iterations,
    expected.length,
    'sha256',
  );
  return timingSafeEqual(actual, expected);
}
