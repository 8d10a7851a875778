// Runs exchanges on a timer (DESIGN.md §5.5: retries never wait for a new local write), at once on
// trigger() (reconnect, document finished), never two at a time, with exponential backoff and jitter
// after failures that retrying can fix.
import { ShelfsyncError } from '@shelfsync/protocol';
import type { Timers } from './platform.js';

export type SyncLoopEvent<S> =
  | { ok: true; summary: S; nextInMs: number }
  | { ok: false; error: unknown; retryable: boolean; nextInMs: number };

export interface SyncLoopOptions<S extends { complete: boolean }> {
  sync: () => Promise<S>;
  timers: Timers;
  /** In [0, 1); spreads retries of many terminals that lost the same server. */
  random?: () => number;
  /** Between exchanges that succeeded; a function is asked at each scheduling (settings can change). */
  intervalMs?: number | (() => number);
  minBackoffMs?: number;
  maxBackoffMs?: number;
  onResult?: (event: SyncLoopEvent<S>) => void;
}

export class SyncLoop<S extends { complete: boolean }> {
  private timer: unknown;
  private hasTimer = false;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private failures = 0;

  constructor(private readonly options: SyncLoopOptions<S>) {}

  /** Starts the loop with an exchange right away; resolves when that exchange is done. */
  start(): Promise<void> {
    if (!this.stopped) return this.running ?? Promise.resolve();
    this.stopped = false;
    return this.trigger();
  }

  /** Runs an exchange now, or right after the one in progress. Resolves when it is done. */
  trigger(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clearTimer();
    const run = this.runUntilSettled().finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  /** Stops the timer and waits for an exchange in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running;
  }

  /** Consecutive failed exchanges; 0 after a success. */
  get failureCount(): number {
    return this.failures;
  }

  private async runUntilSettled(): Promise<void> {
    do {
      this.again = false;
      await this.runOnce();
    } while (this.again && !this.stopped);
  }

  private async runOnce(): Promise<void> {
    let event: SyncLoopEvent<S>;
    try {
      const summary = await this.options.sync();
      // An exchange that could not send everything (the base stopped a batch) is retried like a failure.
      this.failures = summary.complete ? 0 : this.failures + 1;
      event = { ok: true, summary, nextInMs: summary.complete ? this.interval() : this.backoff() };
    } catch (error) {
      this.failures += 1;
      const retryable = error instanceof ShelfsyncError ? error.retryable : false;
      event = { ok: false, error, retryable, nextInMs: retryable ? this.backoff() : this.maxBackoff() };
    }
    if (!this.stopped && !this.again) this.schedule(event.nextInMs);
    this.options.onResult?.(event);
  }

  /** min·2^(failures−1), capped, then jittered into its upper half. */
  private backoff(): number {
    const min = this.options.minBackoffMs ?? 5_000;
    const full = Math.min(this.maxBackoff(), min * 2 ** Math.max(0, this.failures - 1));
    const random = this.options.random ?? Math.random;
    return Math.round(full / 2 + (full / 2) * random());
  }

  private maxBackoff(): number {
    return this.options.maxBackoffMs ?? 300_000;
  }

  private interval(): number {
    const { intervalMs } = this.options;
    return (typeof intervalMs === 'function' ? intervalMs() : intervalMs) ?? 60_000;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.hasTimer = true;
    this.timer = this.options.timers.setTimeout(() => {
      this.hasTimer = false;
      void this.trigger();
    }, ms);
  }

  private clearTimer(): void {
    if (this.hasTimer) this.options.timers.clearTimeout(this.timer);
    this.hasTimer = false;
  }
}
