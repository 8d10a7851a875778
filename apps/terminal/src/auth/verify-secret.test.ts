import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { User } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { findOperator } from './find-operator.js';
import { parseSecretHash, verifySecret } from './verify-secret.js';

/** A hash made the way the base makes it, with Node's own PBKDF2. */
function nodeHash(secret: string, iterations = 1000): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(secret, salt, iterations, 32, 'sha256');
  return `pbkdf2-sha256$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

test('a PIN hashed by Node verifies with WebCrypto', async () => {
  const stored = nodeHash('4321');
  expect(await verifySecret('4321', stored)).toBe(true);
  expect(await verifySecret('4322', stored)).toBe(false);
  expect(await verifySecret('', stored)).toBe(false);
});

test('a badge with non-ASCII text verifies', async () => {
  const stored = nodeHash('БЕЙДЖ-0042');
  expect(await verifySecret('БЕЙДЖ-0042', stored)).toBe(true);
});

test('malformed hashes never verify', async () => {
  const good = nodeHash('1234');
  const [, iter, salt, hash] = good.split('$');
  for (const bad of [
    '',
    'plain',
    `md5$${iter}$${salt}$${hash}`,
    `pbkdf2-sha256$0$${salt}$${hash}`,
    `pbkdf2-sha256$abc$${salt}$${hash}`,
    `pbkdf2-sha256$${iter}$${salt}$`,
    `pbkdf2-sha256$${iter}$${salt}$${hash}$extra`,
    `pbkdf2-sha256$${iter}$${salt}$***`,
    `pbkdf2-sha256$99999999$${salt}$${hash}`,
  ]) {
    expect(parseSecretHash(bad), bad).toBeUndefined();
    expect(await verifySecret('1234', bad), bad).toBe(false);
  }
});

test('findOperator picks the user whose PIN or badge matches', async () => {
  const users: User[] = [
    { id: 'u1', name: 'Anna', pinHash: nodeHash('1111'), groups: [], warehouseIds: [] },
    {
      id: 'u2',
      name: 'Boris',
      pinHash: nodeHash('2222'),
      badgeHash: nodeHash('B-2'),
      groups: [],
      warehouseIds: [],
    },
  ];
  expect((await findOperator(users, { kind: 'pin', secret: '2222' }))?.id).toBe('u2');
  expect((await findOperator(users, { kind: 'badge', secret: 'B-2' }))?.id).toBe('u2');
  expect(await findOperator(users, { kind: 'badge', secret: '2222' })).toBeUndefined();
  expect(await findOperator(users, { kind: 'pin', secret: '3333' })).toBeUndefined();
});
