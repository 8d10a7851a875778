// Wrong PINs and badges on the sign-in screen: the first few are free, then each one makes the next
// try wait longer (30 s, doubling up to 15 min). Kept in the terminal store, so closing the app or
// restarting the device does not reset it; a right sign-in clears it. This bounds guessing at the
// keypad; a copy of the store taken off the device is the offline threat (docs/security.md).
import type { TerminalStore } from './terminal-store.js';

export const SIGN_IN_LOCKOUT = {
  /** Wrong tries allowed without a wait. */
  freeFailures: 5,
  firstWaitMs: 30_000,
  maxWaitMs: 15 * 60_000,
} as const;

export interface SignInFailures {
  /** Wrong tries since the last right one. */
  count: number;
  /** Epoch ms before which no try is checked (0: none). */
  lockedUntil: number;
}

/** The wait after the `count`-th wrong try in a row. */
export function lockoutAfter(count: number): number {
  const over = count - SIGN_IN_LOCKOUT.freeFailures;
  if (over <= 0) return 0;
  return Math.min(SIGN_IN_LOCKOUT.maxWaitMs, SIGN_IN_LOCKOUT.firstWaitMs * 2 ** Math.min(over - 1, 20));
}

/** Ms to wait before a sign-in try may be checked; 0 when it may be now. */
export async function signInWait(store: TerminalStore, now: number): Promise<number> {
  const failures = await store.getMeta('signInFailures');
  if (!failures || failures.lockedUntil <= now) return 0;
  if (failures.lockedUntil - now > SIGN_IN_LOCKOUT.maxWaitMs) {
    // The clock was set back: the wait restarts at its longest, rather than lasting until the old time.
    await store.setMeta('signInFailures', { ...failures, lockedUntil: now + SIGN_IN_LOCKOUT.maxWaitMs });
    return SIGN_IN_LOCKOUT.maxWaitMs;
  }
  return failures.lockedUntil - now;
}

/** Records a wrong try; answers the wait it starts (0 while still within the free tries). */
export async function recordSignInFailure(store: TerminalStore, now: number): Promise<number> {
  const count = ((await store.getMeta('signInFailures'))?.count ?? 0) + 1;
  const wait = lockoutAfter(count);
  await store.setMeta('signInFailures', { count, lockedUntil: wait > 0 ? now + wait : 0 });
  return wait;
}

/** A right sign-in: the count starts over. */
export async function clearSignInFailures(store: TerminalStore): Promise<void> {
  if ((await store.getMeta('signInFailures'))?.count) {
    await store.setMeta('signInFailures', { count: 0, lockedUntil: 0 });
  }
}
