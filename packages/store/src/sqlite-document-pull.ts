// A device's document pull on SQLite: documents it should hold that changed after its cursor, and
// revocations for those it was sent before and may no longer hold. Runs in one read snapshot.

import type { DocumentAccess } from './document-visibility.js';
import { isVisibleTo, revocationReason } from './document-visibility.js';
import { assigneeOf, NO_OPERATOR, type OperatorScope, operatorRefusal } from './operator-visibility.js';
import type { DocumentPage } from './server-store.js';
import type { SqliteConnection } from './sqlite-connection.js';
import type { DocumentRow } from './sqlite-document-rows.js';
import { DOCUMENT_COLUMNS, readDocument } from './sqlite-document-rows.js';

const OPEN = `d.status IN ('new', 'taken', 'in_progress', 'released')`;
const VISIBLE = `${OPEN} AND (d.assignee_device IS NULL OR d.assignee_device = @device)
  AND (d.holder IS NULL OR d.holder = @device OR d.type IN (SELECT value FROM json_each(@shared)))`;
const FROM = `SELECT ${DOCUMENT_COLUMNS}, dd.doc_id IS NOT NULL AS delivered
  FROM documents d LEFT JOIN device_documents dd ON dd.device_id = @device AND dd.doc_id = d.id`;

export const PULL_DOCUMENTS_SQL = {
  // Visible (the SQL twin of isVisibleTo) or delivered to this device before.
  changes: `${FROM} WHERE d.rev > @after AND (dd.doc_id IS NOT NULL OR (${VISIBLE})) ORDER BY d.rev LIMIT @limit`,
  // A first load has nothing to revoke, so it walks only open documents (a partial index).
  firstLoad: `${FROM} WHERE d.rev > @after AND ${VISIBLE} ORDER BY d.rev LIMIT @limit`,
};

export interface DocumentPull {
  page: DocumentPage;
  /** Ids sent for the first time: the caller records them in device_documents. */
  firstDelivered: string[];
}

export function readDocumentPull(
  conn: SqliteConnection,
  deviceId: string,
  after: number,
  limit: number,
  sharedTypes: ReadonlySet<string>,
  scope: OperatorScope = NO_OPERATOR,
): DocumentPull {
  const rows = conn.all<DocumentRow & { delivered: number }>(
    after === 0 ? PULL_DOCUMENTS_SQL.firstLoad : PULL_DOCUMENTS_SQL.changes,
    {
      device: deviceId,
      after,
      shared: JSON.stringify([...sharedTypes]),
      limit: limit + 1,
    },
  );
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const page: DocumentPage = {
    items: [],
    revoked: [],
    // Caught up: jump to the newest revision, so changes to other devices' documents are skipped.
    cursor: hasMore ? (pageRows.at(-1)?.rev ?? after) : conn.counter('doc_rev'),
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
      page.items.push(readDocument(conn, row));
      if (!row.delivered) firstDelivered.push(row.id);
    } else if (row.delivered) {
      page.revoked.push({ id: row.id, status: row.status, reason: refusal });
    }
  }
  return { page, firstDelivered };
}

export function recordDeliveries(conn: SqliteConnection, deviceId: string, ids: readonly string[]): void {
  for (const id of ids) {
    conn.run('INSERT OR IGNORE INTO device_documents (device_id, doc_id) VALUES (?, ?)', deviceId, id);
  }
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
