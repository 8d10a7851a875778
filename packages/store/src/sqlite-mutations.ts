// A push on SQLite (DESIGN.md §5.4): mutations apply in order, each one's effect recorded with its
// number in the same transaction. A gap or an unexpected error ends the batch; what came before it
// stays applied, and the caller commits that prefix before reporting the error.
import type { Mutation, MutationResult, PushResponse } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { SqliteConnection } from './sqlite-connection.js';
import type { MutationContext } from './sqlite-mutation-handlers.js';
import { applyMutation } from './sqlite-mutation-handlers.js';

export interface MutationBatch {
  response: PushResponse;
  /** Set when the batch stopped early; the prefix in `response` is still to be committed. */
  error?: unknown;
}

export function lastMutation(conn: SqliteConnection, deviceId: string): number {
  return (
    conn.get<{ last_mutation: number }>(
      'SELECT last_mutation FROM device_cursors WHERE device_id = ?',
      deviceId,
    )?.last_mutation ?? 0
  );
}

export function applyMutationBatch(ctx: MutationContext, mutations: readonly Mutation[]): MutationBatch {
  let last = lastMutation(ctx.conn, ctx.deviceId);
  const results: MutationResult[] = [];
  for (const m of mutations) {
    if (m.n <= last) {
      results.push(duplicate(ctx, m.n));
      continue;
    }
    if (m.n > last + 1) {
      const error = new ShelfsyncError('SYNC_MUTATION_GAP', `Expected mutation ${last + 1}, got ${m.n}.`, {
        expected: last + 1,
        received: m.n,
      });
      return { response: { results, lastMutation: last }, error };
    }
    try {
      results.push(applyOne(ctx, m));
    } catch (error) {
      return { response: { results, lastMutation: last }, error };
    }
    last = m.n;
  }
  return { response: { results, lastMutation: last } };
}

/** Applies and records one mutation inside a savepoint, so a crash in it undoes only it. */
function applyOne(ctx: MutationContext, m: Mutation): MutationResult {
  const { conn } = ctx;
  conn.db.exec('SAVEPOINT mutation');
  let result: MutationResult;
  try {
    try {
      applyMutation(ctx, m);
      result = { n: m.n, status: 'applied' };
    } catch (error) {
      if (!(error instanceof ShelfsyncError) || error.retryable) throw error;
      // A refusal writes nothing, but roll back anyway in case a handler wrote before refusing.
      conn.db.exec('ROLLBACK TO mutation');
      result = { n: m.n, status: 'rejected', error: { code: error.code, message: error.message } };
    }
    record(ctx, m, result);
  } catch (error) {
    conn.db.exec('ROLLBACK TO mutation');
    conn.db.exec('RELEASE mutation');
    throw error;
  }
  conn.db.exec('RELEASE mutation');
  return result;
}

function record(ctx: MutationContext, m: Mutation, result: MutationResult): void {
  ctx.conn.run(
    `INSERT INTO device_mutations (device_id, n, kind, status, error_code, error_message, applied_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ctx.deviceId,
    m.n,
    m.kind,
    result.status,
    result.error?.code ?? null,
    result.error?.message ?? null,
    ctx.now,
  );
  ctx.conn.run(
    `INSERT INTO device_cursors (device_id, last_mutation) VALUES (?, ?)
     ON CONFLICT (device_id) DO UPDATE SET last_mutation = excluded.last_mutation`,
    ctx.deviceId,
    m.n,
  );
}

function duplicate(ctx: MutationContext, n: number): MutationResult {
  const row = ctx.conn.get<{
    status: 'applied' | 'rejected';
    error_code: string | null;
    error_message: string | null;
  }>(
    'SELECT status, error_code, error_message FROM device_mutations WHERE device_id = ? AND n = ?',
    ctx.deviceId,
    n,
  );
  if (!row) return { n, status: 'duplicate' };
  return {
    n,
    status: 'duplicate',
    original: row.status,
    ...(row.error_code === null ? {} : { error: { code: row.error_code, message: row.error_message ?? '' } }),
  };
}
