// The lease writes pg-mutation-handlers.ts still makes on its own transaction; the rules of
// documents among terminals are in leases.ts. Goes when the mutation handlers run on Tx.
import type { PgTx } from './pg-tx.js';

const HELD = `d.holder IS NOT NULL AND d.status IN ('taken', 'in_progress')`;

export async function bumpRevision(tx: PgTx, id: string, now: string): Promise<void> {
  await tx.run('UPDATE documents SET rev = $2, updated_at = $3 WHERE id = $1', [
    id,
    await tx.next('doc_rev'),
    now,
  ]);
}

export async function touchLease(tx: PgTx, id: string, deviceId: string, now: string): Promise<void> {
  await tx.run(`UPDATE documents d SET lease_touched_at = $3 WHERE d.id = $1 AND d.holder = $2 AND ${HELD}`, [
    id,
    deviceId,
    now,
  ]);
}

/** A cancelled or completed document got facts: list it (again) for the accounting side. */
export async function relistForAccounting(tx: PgTx, id: string): Promise<void> {
  await tx.run('UPDATE documents SET completion_seq = $2 WHERE id = $1', [
    id,
    await tx.next('completion_seq'),
  ]);
}
