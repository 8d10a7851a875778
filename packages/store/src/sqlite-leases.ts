// Documents among terminals on SQLite: who holds what (leases), handing a document to another device,
// expiry of untouched leases, claiming a document by id or barcode. Runs inside the caller's transaction.
import type { Document } from '@shelfsync/protocol';
import { OPEN_STATUSES, ShelfsyncError } from '@shelfsync/protocol';
import type { OperatorScope } from './operator-visibility.js';
import type { ClaimKey, LeaseRecord } from './server-store.js';
import type { SqliteConnection } from './sqlite-connection.js';
import type { DocumentRow } from './sqlite-document-rows.js';
import { DOCUMENT_COLUMNS, findDocument, loadDocument } from './sqlite-document-rows.js';
import { nextForDevice, refuseWhileBusy } from './sqlite-operators.js';

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

export function listLeases(conn: SqliteConnection, sharedTypes: ReadonlySet<string>): LeaseRecord[] {
  const rows = conn.all<{
    id: string;
    type: string;
    status: LeaseRecord['status'];
    holder: string;
    number: string | null;
    since: string | null;
    touched: string | null;
    updated_at: string;
    facts: number;
  }>(
    `SELECT id, type, status, holder, json_extract(header, '$.number') AS number, lease_since AS since,
       lease_touched_at AS touched, updated_at, (SELECT count(*) FROM fact_lines f WHERE f.doc_id = d.id) AS facts
     FROM documents d WHERE ${HELD} ORDER BY holder, id`,
  );
  return rows.map((r) => ({
    docId: r.id,
    type: r.type,
    ...(r.number === null ? {} : { number: r.number }),
    status: r.status,
    deviceId: r.holder,
    since: r.since ?? r.updated_at,
    touchedAt: r.touched ?? r.since ?? r.updated_at,
    facts: r.facts,
    shared: sharedTypes.has(r.type),
  }));
}

function openDocument(conn: SqliteConnection, id: string): DocumentRow {
  const doc = findDocument(conn, id);
  if (!doc) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { id });
  if (!OPEN_STATUSES.includes(doc.status)) {
    throw new ShelfsyncError('DOC_CLOSED', undefined, { id, status: doc.status });
  }
  return doc;
}

/** Admin release: back to the pool; the former holder may take it again like anyone else. */
export function releaseLease(conn: SqliteConnection, id: string, now: string): Document {
  const doc = openDocument(conn, id);
  if (doc.holder !== null) {
    conn.run(
      `UPDATE documents SET status = 'released', holder = NULL, taken_from = ?, lease_since = NULL,
         lease_touched_at = NULL, rev = ?, updated_at = ? WHERE id = ?`,
      doc.holder,
      conn.next('doc_rev'),
      now,
      id,
    );
  }
  return loadDocument(conn, id)!;
}

/** Hands the document to `deviceId`, which also becomes its assignee when it had a device assignee. */
export function reassignDocument(
  conn: SqliteConnection,
  id: string,
  deviceId: string,
  now: string,
): Document {
  const doc = openDocument(conn, id);
  const hasFacts = conn.get('SELECT 1 FROM fact_lines WHERE doc_id = ? LIMIT 1', id) !== undefined;
  const takenFrom = doc.holder !== null && doc.holder !== deviceId ? doc.holder : doc.taken_from;
  conn.run(
    `UPDATE documents SET status = ?, holder = ?, taken_from = ?, lease_since = ?, lease_touched_at = ?,
       assignee_device = CASE WHEN assignee_device IS NULL THEN NULL ELSE ? END, rev = ?, updated_at = ?
     WHERE id = ?`,
    hasFacts ? 'in_progress' : 'taken',
    deviceId,
    takenFrom,
    now,
    now,
    deviceId,
    conn.next('doc_rev'),
    now,
    id,
  );
  return loadDocument(conn, id)!;
}

/** Untouched leases past their time go back to `new`; a document with facts keeps its holder. */
export function expireLeases(conn: SqliteConnection, touchedBefore: string, now: string): string[] {
  const ids = conn
    .all<{ id: string }>(
      `SELECT id FROM documents d WHERE ${HELD} AND coalesce(lease_touched_at, updated_at) < ?
         AND NOT EXISTS (SELECT 1 FROM fact_lines f WHERE f.doc_id = d.id) ORDER BY id`,
      touchedBefore,
    )
    .map((r) => r.id);
  for (const id of ids) {
    conn.run(
      `UPDATE documents SET status = 'new', taken_from = holder, holder = NULL, lease_since = NULL,
         lease_touched_at = NULL, rev = ?, updated_at = ? WHERE id = ?`,
      conn.next('doc_rev'),
      now,
      id,
    );
  }
  return ids;
}

/** The open document a terminal asked for; it becomes this device's (shared ones stay shared). */
export function claimDocument(
  conn: SqliteConnection,
  deviceId: string,
  key: ClaimKey,
  rules: { sharedTypes: ReadonlySet<string>; scope: OperatorScope },
  now: string,
): Document {
  const doc = 'next' in key ? nextForDevice(conn, deviceId, key.next, rules.scope) : findClaimed(conn, key);
  if (!doc) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { ...key });
  const shared = rules.sharedTypes.has(doc.type);
  const heldByOther = doc.holder !== null && doc.holder !== deviceId && !shared;
  const assignedToOther = doc.assignee_device !== null && doc.assignee_device !== deviceId;
  if (heldByOther || assignedToOther) throw new ShelfsyncError('DOC_TAKEN', undefined, { id: doc.id });
  refuseWhileBusy(conn, deviceId, doc.type, doc.id, rules.scope);
  if (doc.holder === null) {
    conn.run(
      `UPDATE documents SET status = CASE WHEN status = 'in_progress' THEN status ELSE 'taken' END,
         holder = ?, lease_since = ?, lease_touched_at = ?, rev = ?, updated_at = ? WHERE id = ?`,
      deviceId,
      now,
      now,
      conn.next('doc_rev'),
      now,
      doc.id,
    );
  }
  return loadDocument(conn, doc.id)!;
}

function findClaimed(
  conn: SqliteConnection,
  key: { id: string } | { barcode: string },
): DocumentRow | undefined {
  if ('id' in key) {
    const doc = findDocument(conn, key.id);
    return doc && OPEN_STATUSES.includes(doc.status) ? doc : undefined;
  }
  // Several open documents may carry one label: the free one of highest priority, then the oldest.
  return conn.get<DocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM documents
     WHERE json_extract(header, '$.barcode') = ? AND status IN ('new', 'taken', 'in_progress', 'released')
     ORDER BY holder IS NOT NULL, coalesce(json_extract(header, '$.priority'), 0) DESC, created_at, id LIMIT 1`,
    key.barcode,
  );
}
