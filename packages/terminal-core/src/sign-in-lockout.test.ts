import { expect, test } from 'vitest';
import { MemoryTerminalStore } from './memory-terminal-store.js';
import {
  clearSignInFailures,
  lockoutAfter,
  recordSignInFailure,
  SIGN_IN_LOCKOUT,
  signInWait,
} from './sign-in-lockout.js';

const T0 = Date.parse('2026-11-25T10:00:00.000Z');

test('five wrong tries are free; then each wait doubles from 30 s up to 15 min', () => {
  expect([1, 2, 3, 4, 5].map(lockoutAfter)).toEqual([0, 0, 0, 0, 0]);
  expect([6, 7, 8, 9, 10, 11, 12, 60].map((n) => lockoutAfter(n) / 1000)).toEqual([
    30, 60, 120, 240, 480, 900, 900, 900,
  ]);
});

test('a wrong try during a wait is not checked; the wait ends; a right sign-in starts over', async () => {
  const store = new MemoryTerminalStore();
  for (let i = 0; i < SIGN_IN_LOCKOUT.freeFailures; i++) {
    expect(await signInWait(store, T0)).toBe(0);
    expect(await recordSignInFailure(store, T0)).toBe(0);
  }
  expect(await recordSignInFailure(store, T0)).toBe(30_000);
  expect(await signInWait(store, T0 + 10_000)).toBe(20_000);
  expect(await signInWait(store, T0 + 30_000)).toBe(0);
  expect(await recordSignInFailure(store, T0 + 30_000)).toBe(60_000);
  await clearSignInFailures(store);
  expect(await signInWait(store, T0 + 30_001)).toBe(0);
  expect(await recordSignInFailure(store, T0 + 30_001)).toBe(0);
});

test('a clock set back does not stretch the wait past its longest', async () => {
  const store = new MemoryTerminalStore();
  for (let i = 0; i < 20; i++) await recordSignInFailure(store, T0);
  const back = T0 - 86_400_000;
  expect(await signInWait(store, back)).toBe(SIGN_IN_LOCKOUT.maxWaitMs);
  expect(await signInWait(store, back + SIGN_IN_LOCKOUT.maxWaitMs)).toBe(0);
});
