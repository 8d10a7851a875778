import { pbkdf2Sync } from 'node:crypto';
import type { User } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { findOperatorByAny, typedCredentials } from './find-operator.js';

function hash(secret: string, salt: string): string {
  const key = pbkdf2Sync(secret, salt, 1000, 32, 'sha256');
  return `pbkdf2-sha256$1000$${Buffer.from(salt).toString('base64')}$${key.toString('base64')}`;
}

const users: User[] = [
  { id: 'U1', name: 'Ivanov', pinHash: hash('1111', 's1'), groups: [], warehouseIds: [] },
  {
    id: 'U2',
    name: 'Petrova',
    pinHash: hash('2222', 's2'),
    badgeHash: hash('BADGE-0002', 's3'),
    groups: [],
    warehouseIds: [],
  },
  { id: 'U3', name: 'Numeric badge', badgeHash: hash('00012345', 's4'), groups: [], warehouseIds: [] },
];

test('digits are a PIN first, then a badge; anything else is a badge', () => {
  expect(typedCredentials(' 1111 ')).toEqual([
    { kind: 'pin', secret: '1111' },
    { kind: 'badge', secret: '1111' },
  ]);
  expect(typedCredentials('BADGE-0002')).toEqual([{ kind: 'badge', secret: 'BADGE-0002' }]);
  expect(typedCredentials('123')).toEqual([{ kind: 'badge', secret: '123' }]);
  expect(typedCredentials('  ')).toEqual([]);
});

test('a badge that reached the PIN field as typing still signs its operator in', async () => {
  expect((await findOperatorByAny(users, typedCredentials('BADGE-0002')))?.id).toBe('U2');
  expect((await findOperatorByAny(users, typedCredentials('2222')))?.id).toBe('U2');
  expect((await findOperatorByAny(users, typedCredentials('00012345')))?.id).toBe('U3');
  expect(await findOperatorByAny(users, typedCredentials('9999'))).toBeUndefined();
});
