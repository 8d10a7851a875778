// Lease expiry: a document taken by a terminal and left untouched (no facts) for the lease time goes
// back to the pool. Swept on a timer and before lease-related answers, so no request waits on a timer.
import type { LeaseStore } from '@shelfsync/store';

export const DEFAULT_LEASE_HOURS = 8;

export interface LeaseClock {
  leaseMs: number;
  /** Expires what is due now; answers the document ids put back. */
  sweep(): Promise<string[]>;
}

/** Lease hours from SHELFSYNC_LEASE_HOURS (fractions allowed, e.g. 0.5), else the default. */
export function leaseHoursFrom(value: string | undefined): number {
  const hours = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_LEASE_HOURS;
}

export function leaseClock(store: LeaseStore, now: () => Date, leaseHours: number): LeaseClock {
  const leaseMs = leaseHours * 3_600_000;
  return {
    leaseMs,
    sweep: () => {
      const at = now();
      return store.expireLeases(new Date(at.getTime() - leaseMs).toISOString(), at.toISOString());
    },
  };
}

/** Sweeps every `everyMs` until stopped; a failed sweep is retried at the next tick. */
export function startLeaseSweeper(clock: LeaseClock, everyMs: number): () => void {
  const timer = setInterval(() => {
    clock.sweep().catch(() => {});
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
