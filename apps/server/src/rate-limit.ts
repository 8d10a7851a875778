// A small fixed-window request counter per key (remote address). In memory on purpose: it only
// has to slow down code guessing on one base, and a restart resetting it is harmless.
import { ShelfsyncError } from '@shelfsync/protocol';

export interface RateLimiter {
  /** Counts one hit for `key`; throws REQ_RATE_LIMITED once the window's budget is spent. */
  hit(key: string, now: number): void;
  /** Throws REQ_RATE_LIMITED when `key` has spent its budget, without counting (for counting failures only). */
  check(key: string, now: number): void;
}

const PRUNE_ABOVE = 10_000;

export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const prune = (now: number): void => {
    for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
  };
  const refuse = (w: { start: number }, now: number): never => {
    throw new ShelfsyncError('REQ_RATE_LIMITED', undefined, { retryAfterMs: w.start + windowMs - now });
  };
  return {
    check(key, now) {
      const w = windows.get(key);
      if (w !== undefined && now - w.start < windowMs && w.count >= limit) refuse(w, now);
    },
    hit(key, now) {
      if (windows.size > PRUNE_ABOVE) prune(now);
      const w = windows.get(key);
      if (w === undefined || now - w.start >= windowMs) {
        windows.set(key, { start: now, count: 1 });
        return;
      }
      w.count += 1;
      if (w.count > limit) refuse(w, now);
    },
  };
}
