// The virtual terminal's PBKDF2 for operator sign-in (terminal-core's operator-credentials.ts).
import { pbkdf2 } from 'node:crypto';
import type { DeriveSecret } from '@shelfsync/terminal-core';

export const nodeDeriveSecret: DeriveSecret = (secret, salt, iterations, bytes) =>
  new Promise((resolve, reject) => {
    pbkdf2(secret, salt, iterations, bytes, 'sha256', (error, key) => (error ? reject(error) : resolve(key)));
  });
