// A device's document pull: documents it should hold that changed after its cursor, and revocations
// for those it was sent before and may no longer hold. Runs in one read snapshot, and only up to the
// revision safe point, so a document revised by a transaction still in flight is never skipped
// (DESIGN.md §5.3).

import {
  assigneeOf,
  NO_OPERATOR,
  type OperatorScope,
  operatorRefusal,
} from '../leases/operator-visibility.js';
import type { DocumentPage } from '../server-store.js';
import type { Tx } from '../tx.js';
import { DOCUMENT_COLUMNS, type DocumentRow, readDocument } from './document-rows.js';
import type { DocumentAccess } from './document-visibility.js';
import { isVisibleTo, revocationReason } from './document-visibility.js';

/** The pull's SQL; bind `pullDocumentsParams`. Exported for the query-plan test. */
export function pullDocumentsSql(tx: Tx): { changes: string; firstLoad: string } {
  // The SQL twin of isVisibleTo.
  const visible = `d.status IN ('new', 'taken', 'in_progress', 'released')
    AND (d.assignee_device IS NULL OR d.assignee_device = ?)
    AND (d.holder IS NULL OR d.holder = ? OR ${tx.inList('d.type')})`;
  const from = `SELECT ${DOCUMENT_COLUMNS}, dd.doc_id IS NOT NULL AS delivered
    FROM documents d LEFT JOIN device_documents dd ON dd.device_id = ? AND dd.doc_id = d.id
    WHERE d.rev > ? AND d.rev <= ?`;
  return {
    // Visible or delivered to this device before.
    changes: `${from} AND (dd.doc_id IS NOT NULL OR (${visible})) ORDER BY d.rev LIMIT ?`,
    // A first load has nothing to revoke, so it walks only open documents (a partial index).
    firstLoad: `${from} AND ${visible} ORDER BY d.rev LIMIT ?`,
  };
}

export function pullDocumentsParams(
  tx: Tx,
  q: { deviceId: string; after: number; safe: number; sharedTypes: ReadonlySet<string>; limit: number },
): unknown[] {
  return [q.deviceId, q.after, q.safe, q.deviceId, q.deviceId, tx.list([...q.sharedTypes]), q.limit];
}

export interface DocumentPull {
  page: DocumentPage;
  /** Ids sent for the first time: the caller records them in device_documents. */
  firstDelivered: string[];
}

export async function readDocumentPull(
  tx: Tx,
  deviceId: string,
  after: number,
  limit: number,
  sharedTypes: ReadonlySet<string>,
  scope: OperatorScope = NO_OPERATOR,
): Promise<DocumentPull> {
  const safe = tx.safe('doc_rev');
  const sql = pullDocumentsSql(tx);
  const rows = await tx.all<DocumentRow & { delivered: number | boolean }>(
    after === 0 ? sql.firstLoad : sql.changes,
    pullDocumentsParams(tx, { deviceId, after, safe, sharedTypes, limit: limit + 1 }),
  );
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const page: DocumentPage = {
    items: [],
    revoked: [],
    // Caught up: jump to the safe point, so changes to other devices' documents are skipped.
    cursor: hasMore ? Number(pageRows.at(-1)?.rev ?? after) : safe,
    hasMore,
  };
  const firstDelivered: string[] = [];
  for (const row of pageRows) {
    const access = toAccess(row);
    if (!isVisibleTo(access, deviceId, sharedTypes)) {
      page.revoked.push({ id: row.id, status: row.status, reason: revocationReason(access, deviceId) });
      continue;
    }
    const refusal = operatorRefusal({ ...access, assignee: assigneeOf(row.header) }, deviceId, scope);
    if (refusal === null) {
      page.items.push(await readDocument(tx, row));
      if (!row.delivered) firstDelivered.push(row.id);
    } else if (row.delivered) {
      page.revoked.push({ id: row.id, status: row.status, reason: refusal });
    }
  }
  return { page, firstDelivered };
}

export async function recordDeliveries(tx: Tx, deviceId: string, ids: readonly string[]): Promise<void> {
  await tx.run(
    `INSERT INTO device_documents (device_id, doc_id) SELECT ?, item FROM ${tx.listItems()} WHERE true
     ON CONFLICT DO NOTHING`,
    [deviceId, tx.list(ids)],
  );
}

function toAccess(row: DocumentRow): DocumentAccess {
  return {
    type: row.type,
    status: row.status,
    holder: row.holder,
    assigneeDevice: row.assignee_device,
    cancelReason: row.cancel_reason,
    takenFrom: row.taken_from,
  };
}
