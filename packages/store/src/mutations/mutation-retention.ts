// Bounded retention for `device_mutations`, the record of every mutation a terminal pushed. Written
// once for both dialects through Tx; PostgreSQL serialises concurrent prunes around it.
//
// Why pruning keeps exactly-once (DESIGN.md §5.4):
// - Whether mutation n is new, a repeat or a gap is decided by `device_cursors.last_mutation` alone,
//   which is never pruned. `device_mutations` only supplies the *answer* to a repeat: the original
//   status (and error) sent back as `duplicate` + `original`. A repeat whose record is gone is still
//   answered `duplicate` (without `original`) and changes nothing; the terminal treats it as
//   acknowledged and drops it from its outbox, like any duplicate (terminal-core push-outbox.ts).
// - A terminal re-sends n only while n is still in its outbox: it drops entries only once a push
//   answer (or a gap naming a later number) acknowledges them, in order (hello does not). So a
//   repeat is always of the device's newest mutations, those after its last acknowledged answer:
//   over HTTP at most one batch (500: a batch whose answer is lost is re-sent before any later
//   one), over bundles up to a bundle's 50,000 until an answer bundle gets back. Keeping each
//   device's newest `keepPerDevice` whatever their age covers a terminal that lost an answer and
//   then sat in a drawer for months; keeping everything newer than the retention covers a large
//   bundle whose answer is late. Only both at once (a lost answer to more than K mutations, none
//   answered for longer than the retention) reaches a pruned record, and then see below.
// - What a pruned repeat loses is only the original outcome: a rejection older than the retention
//   and beyond the newest K, whose answer never reached the terminal, comes back as a plain
//   duplicate, so the operator is not shown that refusal. Nothing is applied twice, nothing blocks.
import type { Tx } from '../tx.js';

/** Rows deleted per call by default: one short transaction, so pushes are never held up for long. */
export const PRUNE_BATCH_ROWS = 10_000;

/**
 * Records applied before the cutoff whose number is at least K below the device's last one, at
 * most `limit` of them. Numbers are contiguous per device (1, 2, 3…), so "n ≤ last − K" is exactly
 * "not among the newest K". A record with no cursor row is never chosen (the join drops it).
 * Walks `device_mutations_applied_at` (migration step 7): cost follows the old rows, not the table.
 */
export const PRUNE_MUTATIONS_SQL = `
  DELETE FROM device_mutations WHERE (device_id, n) IN (
    SELECT m.device_id, m.n FROM device_mutations m
    JOIN device_cursors c ON c.device_id = m.device_id
    WHERE m.applied_at < ? AND m.n <= c.last_mutation - ?
    LIMIT ?
  )`;

export async function pruneMutations(
  db: Tx,
  appliedBefore: string,
  keepPerDevice: number,
  limit = PRUNE_BATCH_ROWS,
): Promise<number> {
  if (!Number.isSafeInteger(keepPerDevice) || keepPerDevice < 0) {
    throw new RangeError(`keepPerDevice must be a whole number ≥ 0, got ${keepPerDevice}`);
  }
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
  }
  if (db.dialect === 'pg') {
    // Every instance runs the sweeper: one prunes at a time, the others then find little left.
    await db.run("SELECT pg_advisory_xact_lock(hashtext('shelfsync-prune-mutations:' || current_schema()))");
  }
  return db.run(PRUNE_MUTATIONS_SQL, [appliedBefore, keepPerDevice, limit]);
}
