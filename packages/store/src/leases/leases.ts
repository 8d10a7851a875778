// Documents among terminals: who holds what (leases), handing a document to another device, expiry of
// untouched leases, claims by id, barcode or as the next of a type. Written once over Tx; every row
// a write decides on is locked first (PostgreSQL; SQLite has one writer).
import type { Document } from '@shelfsync/protocol';
import { OPEN_STATUSES, ShelfsyncError } from '@shelfsync/protocol';
import {
  DOCUMENT_COLUMNS,
  type DocumentRow,
  findDocument,
  loadDocument,
  requireDocument,
} from '../documents/document-rows.js';
import type { ClaimKey, LeaseRecord } from '../server-store.js';
import type { Tx } from '../tx.js';
import type { OperatorScope } from './operator-visibility.js';
import { nextForDevice, refuseWhileBusy } from './operators.js';

const HELD = `d.holder IS NOT NULL AND d.status IN ('taken', 'in_progress')`;

/** A new revision with nothing else changed: devices holding the document are sent it again. */
export async function bumpRevision(tx: Tx, id: string, now: string): Promise<void> {
  await tx.run('UPDATE documents SET rev = ?, updated_at = ? WHERE id = ?', [
    await tx.next('doc_rev'),
    now,
    id,
  ]);
}

/** The holder sent work: its lease counts from now. */
export async function touchLease(tx: Tx, id: string, deviceId: string, now: string): Promise<void> {
  await tx.run(
    `UPDATE documents SET lease_touched_at = ? WHERE id = ? AND holder = ? AND status IN ('taken', 'in_progress')`,
    [now, id, deviceId],
  );
}

/** A cancelled or completed document got facts: list it (again) for the accounting side. */
export async function relistForAccounting(tx: Tx, id: string): Promise<void> {
  await tx.run('UPDATE documents SET completion_seq = ? WHERE id = ?', [await tx.next('completion_seq'), id]);
}

export async function listLeases(tx: Tx, sharedTypes: ReadonlySet<string>): Promise<LeaseRecord[]> {
  const rows = await tx.all<{
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
    `SELECT d.id, d.type, d.status, d.holder, ${tx.jsonText('d.header', 'number')} AS number,
       d.lease_since AS since, d.lease_touched_at AS touched, d.updated_at,
       (SELECT count(*) FROM fact_lines f WHERE f.doc_id = d.id) AS facts
     FROM documents d WHERE ${HELD} ORDER BY d.holder, d.id`,
  );
  return rows.map((r) => ({
    docId: r.id,
    type: r.type,
    ...(r.number === null ? {} : { number: r.number }),
    status: r.status,
    deviceId: r.holder,
    since: r.since ?? r.updated_at,
    touchedAt: r.touched ?? r.since ?? r.updated_at,
    facts: Number(r.facts),
    shared: sharedTypes.has(r.type),
  }));
}

async function openDocument(tx: Tx, id: string): Promise<DocumentRow> {
  const doc = await requireDocument(tx, id);
  if (!OPEN_STATUSES.includes(doc.status)) {
    throw new ShelfsyncError('DOC_CLOSED', undefined, { id, status: doc.status });
  }
  return doc;
}

/** Admin release: back to the pool; the former holder may take it again like anyone else. */
export async function releaseLease(tx: Tx, id: string, now: string): Promise<Document> {
  const doc = await openDocument(tx, id);
  if (doc.holder !== null) {
    await tx.run(
      `UPDATE documents SET status = 'released', holder = NULL, taken_from = ?, lease_since = NULL,
         lease_touched_at = NULL, rev = ?, updated_at = ? WHERE id = ?`,
      [doc.holder, await tx.next('doc_rev'), now, id],
    );
  }
  return (await loadDocument(tx, id))!;
}

/** Hands the document to `deviceId`, which also becomes its assignee when it had a device assignee. */
export async function reassignDocument(tx: Tx, id: string, deviceId: string, now: string): Promise<Document> {
  const doc = await openDocument(tx, id);
  const hasFacts = (await tx.get('SELECT 1 FROM fact_lines WHERE doc_id = ? LIMIT 1', [id])) !== undefined;
  const takenFrom = doc.holder !== null && doc.holder !== deviceId ? doc.holder : doc.taken_from;
  await tx.run(
    `UPDATE documents SET status = ?, holder = ?, taken_from = ?, lease_since = ?, lease_touched_at = ?,
       assignee_device = CASE WHEN assignee_device IS NULL THEN NULL ELSE ? END, rev = ?, updated_at = ?
     WHERE id = ?`,
    [
      hasFacts ? 'in_progress' : 'taken',
      deviceId,
      takenFrom,
      now,
      now,
      deviceId,
      await tx.next('doc_rev'),
      now,
      id,
    ],
  );
  return (await loadDocument(tx, id))!;
}

/** Untouched leases past their time go back to `new`; a document with facts keeps its holder. */
export async function expireLeases(tx: Tx, touchedBefore: string, now: string): Promise<string[]> {
  // Locked and checked again on PostgreSQL: a lease touched meanwhile is no longer selected.
  const rows = await tx.all<{ id: string }>(
    `SELECT d.id FROM documents d WHERE ${HELD} AND coalesce(d.lease_touched_at, d.updated_at) < ?
       AND NOT EXISTS (SELECT 1 FROM fact_lines f WHERE f.doc_id = d.id) ORDER BY d.id${tx.forUpdate}`,
    [touchedBefore],
  );
  for (const { id } of rows) {
    await tx.run(
      `UPDATE documents SET status = 'new', taken_from = holder, holder = NULL, lease_since = NULL,
         lease_touched_at = NULL, rev = ?, updated_at = ? WHERE id = ?`,
      [await tx.next('doc_rev'), now, id],
    );
  }
  return rows.map((r) => r.id);
}

/** The open document a terminal asked for; it becomes this device's (shared ones stay shared). */
export async function claimDocument(
  tx: Tx,
  deviceId: string,
  key: ClaimKey,
  rules: { sharedTypes: ReadonlySet<string>; scope: OperatorScope },
  now: string,
): Promise<Document> {
  await serializeClaims(tx, deviceId);
  const doc =
    'next' in key ? await nextForDevice(tx, deviceId, key.next, rules.scope) : await findClaimed(tx, key);
  if (!doc) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { ...key });
  const heldByOther = doc.holder !== null && doc.holder !== deviceId && !rules.sharedTypes.has(doc.type);
  const assignedToOther = doc.assignee_device !== null && doc.assignee_device !== deviceId;
  if (heldByOther || assignedToOther) throw new ShelfsyncError('DOC_TAKEN', undefined, { id: doc.id });
  await refuseWhileBusy(tx, deviceId, doc.type, doc.id, rules.scope);
  if (doc.holder === null) {
    await tx.run(
      `UPDATE documents SET status = CASE WHEN status = 'in_progress' THEN status ELSE 'taken' END,
         holder = ?, lease_since = ?, lease_touched_at = ?, rev = ?, updated_at = ? WHERE id = ?`,
      [deviceId, now, now, await tx.next('doc_rev'), now, doc.id],
    );
  }
  return (await loadDocument(tx, doc.id))!;
}

/**
 * One claim per device at a time, taken before any document is locked. Without it two claims of one
 * device on two server instances could both pass the one-document-at-a-time check. SQLite's single
 * writer already runs them one after the other.
 */
async function serializeClaims(tx: Tx, deviceId: string): Promise<void> {
  if (tx.dialect !== 'pg') return;
  await tx.get("SELECT pg_advisory_xact_lock(hashtext('shelfsync-claim:' || current_schema() || ':' || ?))", [
    deviceId,
  ]);
}

async function findClaimed(
  tx: Tx,
  key: { id: string } | { barcode: string },
): Promise<DocumentRow | undefined> {
  if ('id' in key) {
    const doc = await findDocument(tx, key.id, true);
    return doc && OPEN_STATUSES.includes(doc.status) ? doc : undefined;
  }
  return tx.get<DocumentRow>(claimByBarcodeSql(tx), [key.barcode]);
}

/**
 * Several open documents may carry one label: the free one of highest priority, then the oldest.
 * The barcode expression and the status list are those of the index documents_open_barcode.
 */
export const claimByBarcodeSql = (tx: Tx): string =>
  `SELECT ${DOCUMENT_COLUMNS} FROM documents d
   WHERE ${tx.jsonText('d.header', 'barcode')} = ? AND d.status IN ('new', 'taken', 'in_progress', 'released')
   ORDER BY d.holder IS NOT NULL, coalesce(CAST(${tx.jsonText('d.header', 'priority')} AS INTEGER), 0) DESC,
     d.created_at, d.id
   LIMIT 1${tx.forUpdate}`;
