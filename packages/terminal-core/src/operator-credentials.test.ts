import { pbkdf2, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { User } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { MemoryTerminalStore } from './memory-terminal-store.js';
import {
  checkSignIn,
  type DeriveSecret,
  findOperator,
  findOperatorByAny,
  parseSecretHash,
  secretChecker,
  typedCredentials,
} from './operator-credentials.js';

/** Node's PBKDF2, counting its calls. */
function counting(): DeriveSecret & { calls: number } {
  const derive = Object.assign(
    (secret: string, salt: Uint8Array, iterations: number, bytes: number) =>
      new Promise<Uint8Array>((resolve, reject) => {
        derive.calls++;
        pbkdf2(secret, salt, iterations, bytes, 'sha256', (e, key) => (e ? reject(e) : resolve(key)));
      }),
    { calls: 0 },
  );
  return derive;
}

/** A hash made the way the base makes it. */
function nodeHash(secret: string, salt: Buffer = randomBytes(16), iterations = 1000): string {
  const hash = pbkdf2Sync(secret, salt, iterations, 32, 'sha256');
  return `pbkdf2-sha256$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

const user = (id: string, pin?: string, badge?: string): User => ({
  id,
  name: id,
  groups: [],
  warehouseIds: [],
  ...(pin ? { pinHash: nodeHash(pin) } : {}),
  ...(badge ? { badgeHash: nodeHash(badge) } : {}),
});

test('PINs and badges (non-ASCII too) verify; wrong ones do not', async () => {
  const derive = counting();
  const check = (secret: string, stored: string) => secretChecker(secret, derive)(stored);
  const stored = nodeHash('4321');
  expect(await check('4321', stored)).toBe(true);
  expect(await check('4322', stored)).toBe(false);
  expect(await check('', stored)).toBe(false);
  expect(await check('БЕЙДЖ-0042', nodeHash('БЕЙДЖ-0042'))).toBe(true);
});

test('malformed hashes never verify and never derive', async () => {
  const derive = counting();
  const [, iter, salt, hash] = nodeHash('1234').split('$');
  for (const bad of [
    '',
    'plain',
    `md5$${iter}$${salt}$${hash}`,
    `pbkdf2-sha256$0$${salt}$${hash}`,
    `pbkdf2-sha256$abc$${salt}$${hash}`,
    `pbkdf2-sha256$${iter}$${salt}$`,
    `pbkdf2-sha256$${iter}$${salt}$${hash}$extra`,
    `pbkdf2-sha256$${iter}$${salt}$***`,
    `pbkdf2-sha256$${iter}$${salt}$A`,
    `pbkdf2-sha256$99999999$${salt}$${hash}`,
    `pbkdf2-sha256$5000001$${salt}$${hash}`,
  ]) {
    expect(parseSecretHash(bad), bad).toBeUndefined();
    expect(await secretChecker('1234', derive)(bad), bad).toBe(false);
  }
  expect(derive.calls).toBe(0);
});

test('the base64 reader agrees with Node for every length', () => {
  for (let n = 1; n <= 40; n++) {
    const bytes = randomBytes(n);
    const stored = `pbkdf2-sha256$1$${bytes.toString('base64')}$${bytes.toString('base64').replace(/=+$/, '')}`;
    const parsed = parseSecretHash(stored);
    expect(Buffer.from(parsed?.salt ?? []).equals(bytes)).toBe(true);
    expect(Buffer.from(parsed?.hash ?? []).equals(bytes)).toBe(true);
  }
});

test('findOperator picks the user whose PIN or badge matches', async () => {
  const derive = counting();
  const users = [user('u1', '1111'), user('u2', '2222', 'B-2')];
  expect((await findOperator(users, { kind: 'pin', secret: '2222' }, derive))?.id).toBe('u2');
  expect((await findOperator(users, { kind: 'badge', secret: 'B-2' }, derive))?.id).toBe('u2');
  expect(await findOperator(users, { kind: 'badge', secret: '2222' }, derive)).toBeUndefined();
  expect(await findOperator(users, { kind: 'pin', secret: '3333' }, derive)).toBeUndefined();
});

test('operators sharing the base salt cost one derivation per sign-in; earlier per-user salts one each', async () => {
  const salt = randomBytes(16);
  const users: User[] = ['1111', '2222', '3333', '4444'].map((pin, i) => ({
    id: `u${i}`,
    name: `Operator ${i}`,
    pinHash: nodeHash(pin, salt),
    groups: [],
    warehouseIds: [],
  }));
  const once = counting();
  expect((await findOperator(users, { kind: 'pin', secret: '4444' }, once))?.id).toBe('u3');
  expect(once.calls).toBe(1);
  const twice = counting();
  expect(
    await findOperator([...users, user('old', '5555')], { kind: 'pin', secret: '9999' }, twice),
  ).toBeUndefined();
  expect(twice.calls).toBe(2);
});

test('digits are a PIN first, then a badge; anything else is a badge', async () => {
  expect(typedCredentials(' 1111 ')).toEqual([
    { kind: 'pin', secret: '1111' },
    { kind: 'badge', secret: '1111' },
  ]);
  expect(typedCredentials('BADGE-0002')).toEqual([{ kind: 'badge', secret: 'BADGE-0002' }]);
  expect(typedCredentials('123')).toEqual([{ kind: 'badge', secret: '123' }]);
  expect(typedCredentials('  ')).toEqual([]);
  const derive = counting();
  const users = [user('U1', '1111'), user('U2', '2222', 'BADGE-0002'), user('U3', undefined, '00012345')];
  expect((await findOperatorByAny(users, typedCredentials('BADGE-0002'), derive))?.id).toBe('U2');
  expect((await findOperatorByAny(users, typedCredentials('2222'), derive))?.id).toBe('U2');
  expect((await findOperatorByAny(users, typedCredentials('00012345'), derive))?.id).toBe('U3');
  expect(await findOperatorByAny(users, typedCredentials('9999'), derive)).toBeUndefined();
});

test('a sign-in under the lockout: misses start a wait, a wait refuses even the right PIN, a match clears', async () => {
  const store = new MemoryTerminalStore();
  const derive = counting();
  const users = [user('u1', '1111')];
  let now = 1_000_000;
  let last = await checkSignIn(store, users, typedCredentials('0000'), derive, now);
  while (!last.ok && last.waitMs === 0)
    last = await checkSignIn(store, users, typedCredentials('0000'), derive, now);
  expect(last).toMatchObject({ ok: false, locked: false });
  const wait = last.ok ? 0 : last.waitMs;
  expect(wait).toBeGreaterThan(0);
  expect(await checkSignIn(store, users, typedCredentials('1111'), derive, now + 1)).toMatchObject({
    ok: false,
    locked: true,
  });
  now += wait;
  const right = await checkSignIn(store, users, typedCredentials('1111'), derive, now);
  expect(right.ok && right.user.id).toBe('u1');
  expect((await store.getMeta('signInFailures'))?.count).toBe(0);
});
