import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { secretChecker } from '@shelfsync/terminal-core';
import { expect, test } from 'vitest';
import { webDeriveSecret } from './web-derive.js';

test('a PIN and a Cyrillic badge hashed by Node (as the base does) verify with WebCrypto', async () => {
  for (const secret of ['4321', 'БЕЙДЖ-0042']) {
    const salt = randomBytes(16);
    const hash = pbkdf2Sync(secret, salt, 1000, 32, 'sha256');
    const stored = `pbkdf2-sha256$1000$${salt.toString('base64')}$${hash.toString('base64')}`;
    expect(await secretChecker(secret, webDeriveSecret)(stored)).toBe(true);
    expect(await secretChecker(`${secret}0`, webDeriveSecret)(stored)).toBe(false);
  }
});
