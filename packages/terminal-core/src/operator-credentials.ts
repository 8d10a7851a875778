// Finds the operator a PIN or a badge belongs to, offline, among the users catalog rows on the
// terminal: the base stores `pbkdf2-sha256$<iter>$<salt>$<hash>` (apps/server/src/pin-hash.ts).
// The derivation is the platform's (WebCrypto in the app, node:crypto in the CLI), passed in.
import type { User } from '@shelfsync/protocol';
import { clearSignInFailures, recordSignInFailure, signInWait } from './sign-in-lockout.js';
import type { TerminalStore } from './terminal-store.js';

/** PBKDF2-HMAC-SHA256 of `secret` (UTF-8), `bytes` long. */
export type DeriveSecret = (
  secret: string,
  salt: Uint8Array,
  iterations: number,
  bytes: number,
) => Promise<Uint8Array>;

export type Credential = { kind: 'pin'; secret: string } | { kind: 'badge'; secret: string };

const SCHEME = 'pbkdf2-sha256';
/** Refuses absurd iteration counts from a damaged row instead of freezing the terminal (the base uses 1,000,000). */
const MAX_ITERATIONS = 5_000_000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

interface ParsedHash {
  iterations: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

export function parseSecretHash(stored: string): ParsedHash | undefined {
  const [scheme, iter, saltB64, hashB64, ...rest] = stored.split('$');
  const iterations = Number(iter);
  if (scheme !== SCHEME || rest.length > 0 || !saltB64 || !hashB64) return undefined;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return undefined;
  const salt = fromBase64(saltB64);
  const hash = fromBase64(hashB64);
  return salt && hash && hash.length > 0 ? { iterations, salt, hash } : undefined;
}

/**
 * Checks one typed secret against many hashes, deriving it once per salt and iteration count: the
 * base gives all its operators one salt, so a sign-in costs one derivation whatever the number of
 * operators; hashes of earlier versions (a salt each) cost one each.
 */
export function secretChecker(secret: string, derive: DeriveSecret): (stored: string) => Promise<boolean> {
  const derived = new Map<string, Promise<Uint8Array>>();
  return async (stored) => {
    const parsed = parseSecretHash(stored);
    if (!parsed) return false;
    const [, iter, salt] = stored.split('$');
    const key = `${iter}$${salt}$${parsed.hash.length}`;
    let bits = derived.get(key);
    if (bits === undefined) {
      bits = derive(secret, parsed.salt, parsed.iterations, parsed.hash.length);
      derived.set(key, bits);
    }
    return constantTimeEqual(await bits, parsed.hash);
  };
}

/** The first user whose hash of that kind matches. */
export async function findOperator(
  users: readonly User[],
  credential: Credential,
  derive: DeriveSecret,
): Promise<User | undefined> {
  const matches = secretChecker(credential.secret, derive);
  for (const user of users) {
    const stored = credential.kind === 'pin' ? user.pinHash : user.badgeHash;
    if (stored && (await matches(stored))) return user;
  }
  return undefined;
}

/**
 * What text submitted from the PIN field may be. PINs are 4–16 digits, so anything else is a badge
 * that reached the field as typing (a slow scanner, or a badge typed by hand); digits are tried as a
 * PIN first, then as a badge.
 */
export function typedCredentials(text: string): Credential[] {
  const secret = text.trim();
  if (secret === '') return [];
  const badge: Credential = { kind: 'badge', secret };
  return /^\d{4,16}$/.test(secret) ? [{ kind: 'pin', secret }, badge] : [badge];
}

/** The operator of the first credential that matches. */
export async function findOperatorByAny(
  users: readonly User[],
  credentials: readonly Credential[],
  derive: DeriveSecret,
): Promise<User | undefined> {
  for (const credential of credentials) {
    const user = await findOperator(users, credential, derive);
    if (user) return user;
  }
  return undefined;
}

/** Every operator row of the local users catalog, page by page. */
export async function loadUsers(store: TerminalStore): Promise<User[]> {
  const users: User[] = [];
  let after: string | undefined;
  do {
    const page = await store.listRows('users', after === undefined ? { limit: 500 } : { after, limit: 500 });
    users.push(...page.rows);
    after = page.next;
  } while (after !== undefined);
  return users;
}

export type SignInCheck = { ok: true; user: User } | { ok: false; waitMs: number; locked: boolean };

/**
 * One sign-in attempt under the lockout (sign-in-lockout.ts): refused while a wait runs, a miss
 * recorded (and the next wait returned), a match clearing the failures.
 */
export async function checkSignIn(
  store: TerminalStore,
  users: readonly User[],
  credentials: readonly Credential[],
  derive: DeriveSecret,
  now: number,
): Promise<SignInCheck> {
  const wait = await signInWait(store, now);
  if (wait > 0) return { ok: false, waitMs: wait, locked: true };
  const user = await findOperatorByAny(users, credentials, derive);
  if (user) {
    await clearSignInFailures(store);
    return { ok: true, user };
  }
  return { ok: false, waitMs: await recordSignInFailure(store, now), locked: false };
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (padding optional); undefined for anything else. */
function fromBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text) || text.length % 4 === 1) return undefined;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of clean) {
    value = (value << 6) | ALPHABET.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
