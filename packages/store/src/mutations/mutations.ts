// A push (DESIGN.md §5.4): a device's numbered mutations apply in order, each one's outcome recorded
// with its number in the same transaction as its effect. The device's cursor row is locked for the
// batch, so two server instances never apply one device's mutations twice. A gap or an unexpected
// error ends the batch; what came before it is committed, then the error is thrown.
import type { Mutation, MutationResult, PushResponse } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { Tx, TxSource } from '../tx.js';
import { applyMutation, flushFacts, type MutationContext, mutationContext } from './mutation-handlers.js';

interface Outcome {
  n: number;
  kind: string;
  status: 'applied' | 'rejected';
  error?: { code: string; message: string };
}

export async function lastMutation(tx: Tx, deviceId: string): Promise<number> {
  const row = await tx.get<{ last: number }>(
    'SELECT last_mutation AS last FROM device_cursors WHERE device_id = ?',
    [deviceId],
  );
  return row?.last ?? 0;
}

/** Applies a batch in one write transaction; a gap or failure is thrown once the prefix is committed. */
export async function pushMutations(
  db: TxSource,
  deviceId: string,
  mutations: readonly Mutation[],
  now: string,
): Promise<PushResponse> {
  const batch = await db.write((tx) => applyMutations(tx, deviceId, mutations, now));
  if (batch.failed) throw batch.error;
  return batch.response;
}

type Batch = { response: PushResponse; failed: false } | { failed: true; error: unknown };

async function applyMutations(
  tx: Tx,
  deviceId: string,
  mutations: readonly Mutation[],
  now: string,
): Promise<Batch> {
  const start = await lockCursor(tx, deviceId);
  const earlier = await storedOutcomes(
    tx,
    deviceId,
    mutations.filter((m) => m.n <= start).map((m) => m.n),
  );
  const docIds = mutations
    .filter((m) => m.n > start)
    .map((m) => (m.kind === 'doc.create' ? m.doc.id : m.docId));
  const ctx = await mutationContext(tx, deviceId, now, docIds);
  const results: MutationResult[] = [];
  const outcomes: Outcome[] = [];
  let last = start;
  let failure: { error: unknown } | undefined;
  for (const m of mutations) {
    if (m.n <= last) {
      results.push(duplicateOf(m.n, earlier.get(m.n) ?? outcomes.find((o) => o.n === m.n)));
      continue;
    }
    if (m.n > last + 1) {
      const details = { expected: last + 1, received: m.n };
      const message = `Expected mutation ${last + 1}, got ${m.n}.`;
      failure = { error: new ShelfsyncError('SYNC_MUTATION_GAP', message, details) };
      break;
    }
    const outcome = await applyOne(ctx, m);
    if ('unexpected' in outcome) {
      failure = { error: outcome.unexpected };
      break;
    }
    outcomes.push(outcome);
    results.push(resultOf(outcome));
    last = m.n;
  }
  await flushFacts(ctx);
  await record(tx, deviceId, now, outcomes);
  return failure
    ? { failed: true, ...failure }
    : { failed: false, response: { results, lastMutation: last } };
}

/** Locks the device's cursor row for the batch (creating it at 0) and returns its value. */
async function lockCursor(tx: Tx, deviceId: string): Promise<number> {
  await tx.run('INSERT INTO device_cursors (device_id, last_mutation) VALUES (?, 0) ON CONFLICT DO NOTHING', [
    deviceId,
  ]);
  const row = await tx.get<{ last: number }>(
    `SELECT last_mutation AS last FROM device_cursors WHERE device_id = ?${tx.forUpdate}`,
    [deviceId],
  );
  return row?.last ?? 0;
}

/** The mutation's outcome, or the unexpected error that ends the batch (its effects undone). */
async function applyOne(ctx: MutationContext, m: Mutation): Promise<Outcome | { unexpected: unknown }> {
  try {
    await applyMutation(ctx, m);
    return { n: m.n, kind: m.kind, status: 'applied' };
  } catch (error) {
    if (!(error instanceof ShelfsyncError) || error.retryable) return { unexpected: error };
    return { n: m.n, kind: m.kind, status: 'rejected', error: { code: error.code, message: error.message } };
  }
}

/** Records the outcomes (numbers right after the cursor, in order) and moves the cursor past them. */
async function record(tx: Tx, deviceId: string, now: string, outcomes: readonly Outcome[]): Promise<void> {
  const first = outcomes[0];
  const last = outcomes.at(-1);
  if (!first || !last) return;
  const items = outcomes.map((o) =>
    JSON.stringify({ kind: o.kind, status: o.status, code: o.error?.code, message: o.error?.message }),
  );
  await tx.run(
    `INSERT INTO device_mutations (device_id, n, kind, status, error_code, error_message, applied_at)
     SELECT ?, ? + pos, ${tx.jsonText('item', 'kind')}, ${tx.jsonText('item', 'status')},
       ${tx.jsonText('item', 'code')}, ${tx.jsonText('item', 'message')}, ?
     FROM ${tx.listItems()}`,
    [deviceId, first.n, now, tx.list(items)],
  );
  await tx.run('UPDATE device_cursors SET last_mutation = ? WHERE device_id = ?', [last.n, deviceId]);
}

/** What the device's earlier pushes answered for the numbers `ns` (pruned ones are missing). */
async function storedOutcomes(
  tx: Tx,
  deviceId: string,
  ns: readonly number[],
): Promise<Map<number, Outcome>> {
  if (ns.length === 0) return new Map();
  const rows = await tx.all<{
    n: number;
    kind: string;
    status: 'applied' | 'rejected';
    code: string | null;
    message: string | null;
  }>(
    `SELECT n, kind, status, error_code AS code, error_message AS message FROM device_mutations
     WHERE device_id = ? AND n IN (SELECT CAST(item AS BIGINT) FROM ${tx.listItems()})`,
    [deviceId, tx.list(ns.map(String))],
  );
  return new Map(
    rows.map((r) => [
      r.n,
      {
        n: r.n,
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

/** A repeat changes nothing and answers what the original did, when that record is still kept. */
function duplicateOf(n: number, original: Outcome | undefined): MutationResult {
  if (!original) return { n, status: 'duplicate' };
  return {
    n,
    status: 'duplicate',
    original: original.status,
    ...(original.error ? { error: original.error } : {}),
  };
}
