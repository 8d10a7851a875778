// The app's PBKDF2 for operator sign-in (terminal-core's operator-credentials.ts): WebCrypto.
import type { DeriveSecret } from '@shelfsync/terminal-core';

export const webDeriveSecret: DeriveSecret = async (secret, salt, iterations, bytes) => {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
};
