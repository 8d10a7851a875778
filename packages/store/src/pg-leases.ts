// Documents among terminals on PostgreSQL (rules mirror sqlite-leases.ts): leases, handing a document
// to another device, expiry of untouched leases, claims by id or barcode. Rows decided on are locked.
import type { Document } from '@shelfsync/protocol';
import { OPEN_STATUSES, ShelfsyncError } from '@shelfsync/protocol';
import type { OperatorScope } from './operator-visibility.js';
import type { PgDocumentRow } from './pg-document-rows.js';
import { findDocument, loadDocument, PG_DOCUMENT_COLUMNS } from './pg-document-rows.js';
import { nextForDevice, refuseWhileBusy } from './pg-operators.js';
import type { PgTx } from './pg-tx.js';
import type { ClaimKey, LeaseRecord } from './server-store.js';

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

export async function listLeases(tx: PgTx, sharedTypes: ReadonlySet<string>): Promise<LeaseRecord[]> {
  const rows = await tx.all<{
    id: string;
    type: string;
    status: LeaseRecord['status'];
    holder: string;
    number: string | null;
    since: string | null;
    touched: string | null;
    updated_at: string;
    facts: string;
  }>(
    `SELECT d.id, d.type, d.status, d.holder, (d.header::jsonb) ->> 'number' AS number, d.lease_since AS since,
       d.lease_touched_at AS touched, d.updated_at,
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

async function openDocument(tx: PgTx, id: string): Promise<PgDocumentRow> {
  const doc = await findDocument(tx, id, true);
  if (!doc) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { id });
  if (!OPEN_STATUSES.includes(doc.status)) {
    throw new ShelfsyncError('DOC_CLOSED', undefined, { id, status: doc.status });
  }
  return doc;
}

export async function releaseLease(tx: PgTx, id: string, now: string): Promise<Document> {
  const doc = await openDocument(tx, id);
  if (doc.holder !== null) {
    await tx.run(
      `UPDATE documents SET status = 'released', holder = NULL, taken_from = $2, lease_since = NULL,
         lease_touched_at = NULL, rev = $3, updated_at = $4 WHERE id = $1`,
      [id, doc.holder, await tx.next('doc_rev'), now],
    );
  }
  return (await loadDocument(tx, id))!;
}

export async function reassignDocument(
  tx: PgTx,
  id: string,
  deviceId: string,
  now: string,
): Promise<Document> {
  const doc = await openDocument(tx, id);
  const hasFacts = (await tx.one('SELECT 1 FROM fact_lines WHERE doc_id = $1 LIMIT 1', [id])) !== undefined;
  const takenFrom = doc.holder !== null && doc.holder !== deviceId ? doc.holder : doc.taken_from;
  await tx.run(
    `UPDATE documents SET status = $2, holder = $3, taken_from = $4, lease_since = $5, lease_touched_at = $5,
       assignee_device = CASE WHEN assignee_device IS NULL THEN NULL ELSE $3 END, rev = $6, updated_at = $5
     WHERE id = $1`,
    [id, hasFacts ? 'in_progress' : 'taken', deviceId, takenFrom, now, await tx.next('doc_rev')],
  );
  return (await loadDocument(tx, id))!;
}

export async function expireLeases(tx: PgTx, touchedBefore: string, now: string): Promise<string[]> {
  const rows = await tx.all<{ id: string }>(
    `SELECT d.id FROM documents d WHERE ${HELD} AND coalesce(d.lease_touched_at, d.updated_at) < $1
       AND NOT EXISTS (SELECT 1 FROM fact_lines f WHERE f.doc_id = d.id) ORDER BY d.id FOR UPDATE`,
    [touchedBefore],
  );
  for (const { id } of rows) {
    await tx.run(
      `UPDATE documents SET status = 'new', taken_from = holder, holder = NULL, lease_since = NULL,
         lease_touched_at = NULL, rev = $2, updated_at = $3 WHERE id = $1`,
      [id, await tx.next('doc_rev'), now],
    );
  }
  return rows.map((r) => r.id);
}

export async function claimDocument(
  tx: PgTx,
  deviceId: string,
  key: ClaimKey,
  rules: { sharedTypes: ReadonlySet<string>; scope: OperatorScope },
  now: string,
): Promise<Document> {
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
         holder = $2, lease_since = $3, lease_touched_at = $3, rev = $4, updated_at = $3 WHERE id = $1`,
      [doc.id, deviceId, now, await tx.next('doc_rev')],
    );
  }
  return (await loadDocument(tx, doc.id))!;
}

async function findClaimed(
  tx: PgTx,
  key: { id: string } | { barcode: string },
): Promise<PgDocumentRow | undefined> {
  if ('id' in key) {
    const doc = await findDocument(tx, key.id, true);
    return doc && OPEN_STATUSES.includes(doc.status) ? doc : undefined;
  }
  return tx.one<PgDocumentRow>(
    `SELECT ${PG_DOCUMENT_COLUMNS} FROM documents d
     WHERE (d.header::jsonb) ->> 'barcode' = $1 AND d.status IN ('new', 'taken', 'in_progress', 'released')
     ORDER BY d.holder IS NOT NULL, coalesce(((d.header::jsonb) ->> 'priority')::int, 0) DESC, d.created_at, d.id
     LIMIT 1 FOR UPDATE`,
    [key.barcode],
  );
}
