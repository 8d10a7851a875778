// A push on PostgreSQL (DESIGN.md §5.4). The device's cursor row is locked for the batch, so two
// server instances never apply one device's mutations twice. Outcomes are recorded in bulk at the
// end, in the same transaction as the effects.
import type { Mutation, MutationResult, PushResponse } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { PgMutationContext } from './pg-mutation-handlers.js';
import { applyPgMutation, flushFacts } from './pg-mutation-handlers.js';
import type { PgTx } from './pg-tx.js';

export type PgMutationBatch =
  | { response: PushResponse; error?: ShelfsyncError }
  /** An unexpected failure at index `failedAt`: the transaction must be rolled back. */
  | { failedAt: number; cause: unknown };

interface Outcome {
  n: number;
  kind: string;
  status: 'applied' | 'rejected';
  error?: { code: string; message: string };
}

export async function lastPgMutation(tx: PgTx, deviceId: string): Promise<number> {
  const row = await tx.one<{ last: string }>(
    'SELECT last_mutation AS last FROM device_cursors WHERE device_id = $1',
    [deviceId],
  );
  return Number(row?.last ?? 0);
}

export async function applyPgMutationBatch(
  ctx: Omit<PgMutationContext, 'docs' | 'facts'>,
  mutations: readonly Mutation[],
): Promise<PgMutationBatch> {
  const { tx, deviceId } = ctx;
  const start = await lockDeviceCursor(tx, deviceId);
  const earlier = await storedOutcomes(
    tx,
    deviceId,
    mutations.filter((m) => m.n <= start).map((m) => m.n),
  );
  const full: PgMutationContext = { ...ctx, docs: new Map(), facts: [] };
  const results: MutationResult[] = [];
  const outcomes: Outcome[] = [];
  let last = start;
  let error: ShelfsyncError | undefined;
  for (const [i, m] of mutations.entries()) {
    if (m.n <= last) {
      results.push(duplicateOf(m.n, earlier.get(m.n) ?? outcomes.find((o) => o.n === m.n)));
      continue;
    }
    if (m.n > last + 1) {
      error = new ShelfsyncError('SYNC_MUTATION_GAP', `Expected mutation ${last + 1}, got ${m.n}.`, {
        expected: last + 1,
        received: m.n,
      });
      break;
    }
    const outcome = await applyOne(full, m);
    if ('cause' in outcome) return { failedAt: i, cause: outcome.cause };
    outcomes.push(outcome);
    results.push(resultOf(outcome));
    last = m.n;
  }
  try {
    await flushFacts(full);
  } catch (cause) {
    // The failing fact cannot be told apart here: undo the whole batch; the terminal resends it.
    return { failedAt: 0, cause };
  }
  await record(ctx, outcomes, last);
  return error
    ? { response: { results, lastMutation: last }, error }
    : { response: { results, lastMutation: last } };
}

/** Locks the device's cursor row for the batch (creating it at 0) and returns its value. */
async function lockDeviceCursor(tx: PgTx, deviceId: string): Promise<number> {
  await tx.run(
    'INSERT INTO device_cursors (device_id, last_mutation) VALUES ($1, 0) ON CONFLICT DO NOTHING',
    [deviceId],
  );
  const row = await tx.one<{ last: string }>(
    'SELECT last_mutation AS last FROM device_cursors WHERE device_id = $1 FOR UPDATE',
    [deviceId],
  );
  return Number(row?.last ?? 0);
}

/** Applies one mutation: its outcome, or the unexpected failure that must end the batch. */
async function applyOne(ctx: PgMutationContext, m: Mutation): Promise<Outcome | { cause: unknown }> {
  try {
    await applyPgMutation(ctx, m);
    return { n: m.n, kind: m.kind, status: 'applied' };
  } catch (cause) {
    if (!(cause instanceof ShelfsyncError) || cause.retryable) return { cause };
    return { n: m.n, kind: m.kind, status: 'rejected', error: { code: cause.code, message: cause.message } };
  }
}

async function record(
  ctx: Omit<PgMutationContext, 'docs' | 'facts'>,
  outcomes: Outcome[],
  last: number,
): Promise<void> {
  if (outcomes.length === 0) return;
  await ctx.tx.run(
    `INSERT INTO device_mutations (device_id, n, kind, status, error_code, error_message, applied_at)
     SELECT $1, u.n, u.kind, u.status, u.code, u.message, $2
     FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u (n, kind, status, code, message)`,
    [
      ctx.deviceId,
      ctx.now,
      outcomes.map((o) => o.n),
      outcomes.map((o) => o.kind),
      outcomes.map((o) => o.status),
      outcomes.map((o) => o.error?.code ?? null),
      outcomes.map((o) => o.error?.message ?? null),
    ],
  );
  await ctx.tx.run('UPDATE device_cursors SET last_mutation = $2 WHERE device_id = $1', [ctx.deviceId, last]);
}

async function storedOutcomes(tx: PgTx, deviceId: string, ns: number[]): Promise<Map<number, Outcome>> {
  if (ns.length === 0) return new Map();
  const rows = await tx.all<{
    n: string;
    kind: string;
    status: 'applied' | 'rejected';
    code: string | null;
    message: string | null;
  }>(
    `SELECT n, kind, status, error_code AS code, error_message AS message FROM device_mutations
     WHERE device_id = $1 AND n = ANY($2::bigint[])`,
    [deviceId, ns],
  );
  return new Map(
    rows.map((r) => [
      Number(r.n),
      {
        n: Number(r.n),
        kind: r.kind,
        status: r.status,
        ...(r.code === null ? {} : { error: { code: r.code, message: r.message ?? '' } }),
      },
    ]),
  );
}

function resultOf(o: Outcome): MutationResult {
  return { n: o.n, status: o.status, ...(o.error ? { error: o.error } : {}) };
}

function duplicateOf(n: number, original: Outcome | undefined): MutationResult {
  if (!original) return { n, status: 'duplicate' };
  return {
    n,
    status: 'duplicate',
    original: original.status,
    ...(original.error ? { error: original.error } : {}),
  };
}
