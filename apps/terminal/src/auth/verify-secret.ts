// Checks an operator's PIN or badge against the salted hash in the users catalog, offline, with
// WebCrypto's PBKDF2 (the base hashes with the same scheme: pbkdf2-sha256$<iter>$<salt>$<hash>).

const SCHEME = 'pbkdf2-sha256';
/** Refuses absurd iteration counts from a damaged row instead of freezing the terminal (the base uses 1,000,000). */
const MAX_ITERATIONS = 5_000_000;

interface ParsedHash {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
}

export function parseSecretHash(stored: string): ParsedHash | undefined {
  const [scheme, iter, saltB64, hashB64, ...rest] = stored.split('$');
  const iterations = Number(iter);
  if (scheme !== SCHEME || rest.length > 0 || !saltB64 || !hashB64) return undefined;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return undefined;
  try {
    const hash = fromBase64(hashB64);
    return hash.length > 0 ? { iterations, salt: fromBase64(saltB64), hash } : undefined;
  } catch {
    return undefined;
  }
}

/** True when `secret` hashes to `stored`; false for a wrong secret or a malformed hash. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  return secretChecker(secret)(stored);
}

/**
 * Checks one typed secret against many hashes, deriving it once per salt and iteration count: the
 * base gives all its operators one salt (apps/server/src/pin-hash.ts), so a sign-in costs one
 * derivation whatever the number of operators; hashes of earlier versions (a salt each) cost one each.
 */
export function secretChecker(secret: string): (stored: string) => Promise<boolean> {
  const derived = new Map<string, Promise<Uint8Array>>();
  return async (stored) => {
    const parsed = parseSecretHash(stored);
    if (!parsed) return false;
    const [, iter, salt] = stored.split('$');
    const key = `${iter}$${salt}$${parsed.hash.length}`;
    let bits = derived.get(key);
    if (bits === undefined) {
      bits = derive(secret, parsed);
      derived.set(key, bits);
    }
    return constantTimeEqual(await bits, parsed.hash);
  };
}

async function derive(secret: string, parsed: ParsedHash): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: parsed.salt, iterations: parsed.iterations },
    key,
    parsed.hash.length * 8,
  );
  return new Uint8Array(bits);
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
