// The push half of an exchange (DESIGN.md §5.4–5.5): sends the outbox in order, in batches, and drops
// an entry only once the base has acknowledged it. Refused mutations are kept for the operator.
import {
  ERRORS,
  MAX_PUSH_MUTATIONS,
  type Mutation,
  type MutationResult,
  type PushResponse,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { DeviceTransport } from './device-transport.js';
import type { Rejection, TerminalStore } from './terminal-store.js';

export interface PushSummary {
  /** Mutations the base applied in this exchange. */
  pushed: number;
  /** Mutations the base already had (an earlier answer was lost). */
  duplicates: number;
  rejected: Rejection[];
  /** True when the base stopped a batch on a temporary failure; the rest waits for the next try. */
  stalled: boolean;
}

export async function pushOutbox(
  store: TerminalStore,
  transport: DeviceTransport,
  now: () => string,
  batchSize = MAX_PUSH_MUTATIONS,
): Promise<PushSummary> {
  const summary: PushSummary = { pushed: 0, duplicates: 0, rejected: [], stalled: false };
  for (;;) {
    const batch = await store.pendingMutations(batchSize);
    const first = batch[0];
    const last = batch[batch.length - 1];
    if (!first || !last) return summary;
    const response = await pushBatch(store, transport, batch);
    if (!response) continue;
    const upTo = Math.min(response.lastMutation, last.n);
    const acked = response.results.filter((r) => r.n <= upTo);
    const rejections = acked.filter(isRejection).map((r) => rejectionOf(r, batch, now()));
    await store.ackMutations(upTo, rejections);
    summary.pushed += acked.filter((r) => r.status === 'applied').length;
    summary.duplicates += acked.filter((r) => r.status === 'duplicate').length;
    summary.rejected.push(...rejections);
    if (upTo < last.n) {
      summary.stalled = true;
      return summary;
    }
  }
}

/** Pushes one batch; answers undefined when a gap showed the base already holds part of it. */
async function pushBatch(
  store: TerminalStore,
  transport: DeviceTransport,
  batch: Mutation[],
): Promise<PushResponse | undefined> {
  const first = batch[0]!.n;
  try {
    return await transport.push({ mutations: batch });
  } catch (error) {
    if (!(error instanceof ShelfsyncError) || error.code !== 'SYNC_MUTATION_GAP') throw error;
    const expected = Number(error.details?.['expected']);
    if (!Number.isInteger(expected)) throw error;
    if (expected > first) {
      // The base has applied up to expected-1 already: those entries are acknowledged.
      await store.ackMutations(expected - 1);
      return undefined;
    }
    throw new ShelfsyncError(
      'SYNC_MUTATION_GAP',
      `The server expects change ${expected} but this terminal's outbox starts at ${first}; the changes in ` +
        'between were acknowledged earlier and are gone. Was the server restored from a backup?',
      { expected, first },
    );
  }
}

function isRejection(r: MutationResult): boolean {
  return r.status === 'rejected' || (r.status === 'duplicate' && r.original === 'rejected');
}

function rejectionOf(r: MutationResult, batch: Mutation[], at: string): Rejection {
  const mutation = batch.find((m) => m.n === r.n);
  if (!mutation)
    throw new ShelfsyncError('SYNC_BAD_RESPONSE', `The server answered for change ${r.n}, not sent.`);
  return {
    mutation,
    code: r.error?.code ?? 'SYNC_MUTATION_INVALID',
    message: r.error?.message ?? ERRORS.SYNC_MUTATION_INVALID.message,
    at,
  };
}
