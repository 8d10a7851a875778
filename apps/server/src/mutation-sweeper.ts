// Mutation retention on a timer: the base's record of every mutation a terminal pushed is pruned to
// the last `retentionDays` plus each device's newest `keepPerDevice` (why a replay stays exactly-once:
// packages/store/src/mutation-retention.ts). Batches keep each write transaction short.
import type { MutationStore } from '@shelfsync/store';

export const DEFAULT_MUTATION_RETENTION_DAYS = 30;
/** Well above a lost HTTP batch (500), the most a terminal re-sends over HTTP after a lost answer. */
export const DEFAULT_KEEP_MUTATIONS_PER_DEVICE = 1_000;
const DAY_MS = 86_400_000;

export interface MutationSweeperOptions {
  now: () => Date;
  retentionDays?: number;
  keepPerDevice?: number;
  /** Rows per store call; a sweep calls again while a batch comes back full. */
  batchRows?: number;
  /** First sweep after start (a base restarted often still prunes), then every `everyMs`. */
  firstAfterMs?: number;
  everyMs?: number;
  /** A failed sweep is reported here and retried at the next tick. */
  onError?: (error: unknown) => void;
}

export interface MutationSweeper {
  /** Prunes what is due now; answers the rows deleted. Joins a sweep already running. */
  sweep(): Promise<number>;
  /** Stops the timers and waits for a running sweep, so the store can close after it. */
  stop(): Promise<void>;
}

export function startMutationSweeper(store: MutationStore, opts: MutationSweeperOptions): MutationSweeper {
  const retentionMs = (opts.retentionDays ?? DEFAULT_MUTATION_RETENTION_DAYS) * DAY_MS;
  const keep = opts.keepPerDevice ?? DEFAULT_KEEP_MUTATIONS_PER_DEVICE;
  const batch = opts.batchRows ?? 10_000;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function pruneAll(): Promise<number> {
    const cutoff = new Date(opts.now().getTime() - retentionMs).toISOString();
    let total = 0;
    while (!stopped) {
      const deleted = await store.pruneMutations(cutoff, keep, batch);
      total += deleted;
      if (deleted < batch) break;
    }
    return total;
  }

  const sweep = (): Promise<number> => {
    running ??= pruneAll().finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () => {
    sweep().catch((error: unknown) => opts.onError?.(error));
  };
  const first = setTimeout(tick, opts.firstAfterMs ?? 60_000);
  const timer = setInterval(tick, opts.everyMs ?? 3_600_000);
  first.unref();
  timer.unref();

  return {
    sweep,
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
