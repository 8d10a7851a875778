// Document operations the accounting system drives on SQLite: put, cancel, list completed, ack.
// Each function runs inside the caller's transaction.
import type { Document, DocumentStatus } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { CompletedPage, DocumentPut } from './server-store.js';
import { missingProducts } from './sqlite-catalog.js';
import type { SqliteConnection } from './sqlite-connection.js';
import type { DocumentRow } from './sqlite-document-rows.js';
import {
  DOCUMENT_COLUMNS,
  findDocument,
  loadDocument,
  readDocument,
  writeDocument,
} from './sqlite-document-rows.js';

/** Statuses in which the accounting system may still replace a document. */
const REPLACEABLE: readonly DocumentStatus[] = ['new', 'released'];

export const COMPLETED_SQL = `SELECT ${DOCUMENT_COLUMNS} FROM documents
  WHERE status = 'completed' AND completion_seq > ? ORDER BY completion_seq LIMIT ?`;
// Cancelled documents keep a completion_seq only while they have facts not yet acknowledged.
export const CANCELLED_SQL = `SELECT ${DOCUMENT_COLUMNS} FROM documents
  WHERE status = 'cancelled' AND completion_seq > ? ORDER BY completion_seq LIMIT ?`;

export function putDocuments(
  conn: SqliteConnection,
  docs: readonly DocumentPut[],
  now: string,
): { created: number; replaced: number } {
  const missing = missingProducts(
    conn,
    docs.flatMap((d) => d.lines.map((l) => l.productId)),
  );
  if (missing.length > 0) throw new ShelfsyncError('DOC_UNKNOWN_PRODUCT', undefined, { missing });
  let created = 0;
  let replaced = 0;
  for (const doc of docs) {
    const old = findDocument(conn, doc.id);
    if (old && !REPLACEABLE.includes(old.status)) {
      throw new ShelfsyncError('DOC_LOCKED', undefined, { id: doc.id, status: old.status });
    }
    const { lines, origin, deviceId: _holder, completedAt: _done, cancelReason: _why, ...header } = doc;
    writeDocument(
      conn,
      {
        id: doc.id,
        type: doc.type,
        header,
        assigneeDevice: doc.assignee?.deviceId ?? null,
        lines,
        status: 'new',
        holder: null,
        origin: origin ?? 'accounting',
      },
      now,
      old !== undefined,
    );
    if (old) replaced++;
    else created++;
  }
  return { created, replaced };
}

export function cancelDocument(
  conn: SqliteConnection,
  id: string,
  reason: string | undefined,
  now: string,
): Document {
  const old = requireDocument(conn, id);
  if (old.status === 'exported')
    throw new ShelfsyncError('DOC_LOCKED', undefined, { id, status: old.status });
  if (old.status !== 'cancelled') {
    const rev = conn.next('doc_rev');
    // Scans already made are reported on the cancelled list, never dropped.
    const hasFacts = conn.get('SELECT 1 FROM fact_lines WHERE doc_id = ? LIMIT 1', id) !== undefined;
    conn.run(
      `UPDATE documents SET status = 'cancelled', cancel_reason = ?, rev = ?, updated_at = ?, completion_seq = ?
       WHERE id = ?`,
      reason ?? null,
      rev,
      now,
      hasFacts ? conn.next('completion_seq') : null,
      id,
    );
  }
  return loadDocument(conn, id)!;
}

export function ackDocument(conn: SqliteConnection, id: string, now: string): Document {
  const old = requireDocument(conn, id);
  if (old.status === 'completed') {
    const rev = conn.next('doc_rev');
    conn.run("UPDATE documents SET status = 'exported', rev = ?, updated_at = ? WHERE id = ?", rev, now, id);
  } else if (old.status === 'cancelled') {
    conn.run('UPDATE documents SET completion_seq = NULL, updated_at = ? WHERE id = ?', now, id);
  } else if (old.status !== 'exported') {
    throw new ShelfsyncError('DOC_NOT_COMPLETED', undefined, { id, status: old.status });
  }
  return loadDocument(conn, id)!;
}

export function listCompleted(
  conn: SqliteConnection,
  after: number,
  limit: number,
  sql = COMPLETED_SQL,
): CompletedPage {
  const rows = conn.all<DocumentRow>(sql, after, limit + 1);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: page.map((row) => readDocument(conn, row)),
    next: page.at(-1)?.completion_seq ?? after,
    hasMore,
  };
}

function requireDocument(conn: SqliteConnection, id: string): DocumentRow {
  const row = findDocument(conn, id);
  if (!row) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { id });
  return row;
}
