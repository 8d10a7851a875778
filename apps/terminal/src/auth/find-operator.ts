// Finds the operator a PIN or a scanned badge belongs to, among the users catalog rows on the terminal.
import type { User } from '@shelfsync/protocol';
import { verifySecret } from './verify-secret.js';

export type Credential = { kind: 'pin'; secret: string } | { kind: 'badge'; secret: string };

/** The first user whose hash of that kind matches; each check is a PBKDF2 run, so users are tried in turn. */
export async function findOperator(
  users: readonly User[],
  credential: Credential,
): Promise<User | undefined> {
  for (const user of users) {
    const stored = credential.kind === 'pin' ? user.pinHash : user.badgeHash;
    if (stored && (await verifySecret(credential.secret, stored))) return user;
  }
  return undefined;
}
