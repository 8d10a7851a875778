// Finds the operator a PIN or a scanned badge belongs to, among the users catalog rows on the terminal.
import type { User } from '@shelfsync/protocol';
import { secretChecker } from './verify-secret.js';

export type Credential = { kind: 'pin'; secret: string } | { kind: 'badge'; secret: string };

/** The first user whose hash of that kind matches; one PBKDF2 run per distinct salt, not per user. */
export async function findOperator(
  users: readonly User[],
  credential: Credential,
): Promise<User | undefined> {
  const matches = secretChecker(credential.secret);
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
): Promise<User | undefined> {
  for (const credential of credentials) {
    const user = await findOperator(users, credential);
    if (user) return user;
  }
  return undefined;
}
