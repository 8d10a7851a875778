// A device's document pull on PostgreSQL: like SQLite's, but only up to the revision safe point,
// so a document revised by a transaction still in flight is never skipped (DESIGN.md §5.3).
import type { DocumentAccess } from './document-visibility.js';
import { isVisibleTo, revocationReason } from './document-visibility.js';
import { assigneeOf, NO_OPERATOR, type OperatorScope, operatorRefusal } from './operator-visibility.js';
import type { PgDocumentRow } from './pg-document-rows.js';
import { PG_DOCUMENT_COLUMNS, readDocument } from './pg-document-rows.js';
import type { PgTx } from './pg-tx.js';
import type { DocumentPage } from './server-store.js';

const VISIBLE = `d.status IN ('new', 'taken', 'in_progress', 'released')
  AND (d.assignee_device IS NULL OR d.assignee_device = $1)
  AND (d.holder IS NULL OR d.holder = $1 OR d.type = ANY($4::text[]))`;
const FROM = `SELECT ${PG_DOCUMENT_COLUMNS}, dd.doc_id IS NOT NULL AS delivered
  FROM documents d LEFT JOIN device_documents dd ON dd.device_id = $1 AND dd.doc_id = d.id
  WHERE d.rev > $2 AND d.rev <= $3`;
// Visible or delivered before; a first load has nothing to revoke and walks open documents only.
const CHANGES = `${FROM} AND (dd.doc_id IS NOT NULL OR (${VISIBLE})) ORDER BY d.rev LIMIT $5`;
const FIRST_LOAD = `${FROM} AND ${VISIBLE} ORDER BY d.rev LIMIT $5`;

export async function readDocumentPull(
  tx: PgTx,
  safe: number,
  deviceId: string,
  after: number,
  limit: number,
  sharedTypes: ReadonlySet<string>,
  scope: OperatorScope = NO_OPERATOR,
): Promise<{ page: DocumentPage; firstDelivered: string[] }> {
  const rows = await tx.all<PgDocumentRow & { delivered: boolean }>(after === 0 ? FIRST_LOAD : CHANGES, [
    deviceId,
    after,
    safe,
    [...sharedTypes],
    limit + 1,
  ]);
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  const page: DocumentPage = {
    items: [],
    revoked: [],
    cursor: hasMore && last ? Number(last.rev) : safe,
    hasMore,
  };
  const firstDelivered: string[] = [];
  for (const row of pageRows) {
    const access: DocumentAccess = {
      type: row.type,
      status: row.status,
      holder: row.holder,
      assigneeDevice: row.assignee_device,
      cancelReason: row.cancel_reason,
      takenFrom: row.taken_from,
    };
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

export async function recordDeliveries(tx: PgTx, deviceId: string, ids: readonly string[]): Promise<void> {
  await tx.run(
    `INSERT INTO device_documents (device_id, doc_id) SELECT $1, unnest($2::text[])
     ON CONFLICT DO NOTHING`,
    [deviceId, ids],
  );
}
