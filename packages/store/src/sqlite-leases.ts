// The lease writes sqlite-mutation-handlers.ts still makes on its own connection; the rules of
// documents among terminals are in leases.ts. Goes when the mutation handlers run on Tx.
import type { SqliteConnection } from './sqlite-connection.js';

const HELD = `holder IS NOT NULL AND status IN ('taken', 'in_progress')`;

/** A new revision with nothing else changed: devices holding the document are sent it again. */
export function bumpRevision(conn: SqliteConnection, id: string, now: string): void {
  conn.run('UPDATE documents SET rev = ?, updated_at = ? WHERE id = ?', conn.next('doc_rev'), now, id);
}

/** The holder sent work: its lease counts from now. */
export function touchLease(conn: SqliteConnection, id: string, deviceId: string, now: string): void {
  conn.run(
    `UPDATE documents SET lease_touched_at = ? WHERE id = ? AND holder = ? AND ${HELD}`,
    now,
    id,
    deviceId,
  );
}

/** A cancelled or completed document got facts: list it (again) for the accounting side. */
export function relistForAccounting(conn: SqliteConnection, id: string): void {
  conn.run('UPDATE documents SET completion_seq = ? WHERE id = ?', conn.next('completion_seq'), id);
}
