import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { User } from '@shelfsync/protocol';
import { expect, test, vi } from 'vitest';
import { findOperator } from './find-operator.js';
import { parseSecretHash, secretChecker, verifySecret } from './verify-secret.js';

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
    `pbkdf2-sha256$5000001$${salt}$${hash}`,
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

test('operators sharing the base salt cost one derivation per sign-in; earlier per-user salts one each', async () => {
  const salt = randomBytes(16);
  const shared = (secret: string) =>
    `pbkdf2-sha256$1000$${salt.toString('base64')}$${pbkdf2Sync(secret, salt, 1000, 32, 'sha256').toString('base64')}`;
  const users: User[] = ['1111', '2222', '3333', '4444'].map((pin, i) => ({
    id: `u${i}`,
    name: `Operator ${i}`,
    pinHash: shared(pin),
    groups: [],
    warehouseIds: [],
  }));
  const legacy: User = { id: 'old', name: 'Old', pinHash: nodeHash('5555'), groups: [], warehouseIds: [] };
  const derive = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
  try {
    expect((await findOperator(users, { kind: 'pin', secret: '4444' }))?.id).toBe('u3');
    expect(derive).toHaveBeenCalledTimes(1);
    derive.mockClear();
    expect(await findOperator([...users, legacy], { kind: 'pin', secret: '9999' })).toBeUndefined();
    expect(derive).toHaveBeenCalledTimes(2);
  } finally {
    derive.mockRestore();
  }
  const check = secretChecker('2222');
  expect(await Promise.all(users.map((u) => check(u.pinHash ?? '')))).toEqual([false, true, false, false]);
});
