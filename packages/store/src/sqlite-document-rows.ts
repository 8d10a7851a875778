// Documents as SQLite rows: the header JSON and lifecycle columns in `documents`, plan lines and
// fact lines in their own tables. Reading assembles the wire `Document`; writing splits it.
import type { Document, DocumentStatus, FactLine, PlanLine } from '@shelfsync/protocol';
import type { DocumentWrite } from './document-write.js';
import type { SqliteConnection } from './sqlite-connection.js';

export interface DocumentRow {
  id: string;
  type: string;
  status: DocumentStatus;
  rev: number;
  holder: string | null;
  assignee_device: string | null;
  origin: 'accounting' | 'terminal';
  header: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  cancel_reason: string | null;
  completion_seq: number | null;
  taken_from: string | null;
}

export const DOCUMENT_COLUMNS = `id, type, status, rev, holder, assignee_device, origin, header, created_at,
  updated_at, completed_at, cancel_reason, completion_seq, taken_from`;

export function findDocument(conn: SqliteConnection, id: string): DocumentRow | undefined {
  return conn.get<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = ?`, id);
}

export function loadDocument(conn: SqliteConnection, id: string): Document | undefined {
  const row = findDocument(conn, id);
  return row ? readDocument(conn, row) : undefined;
}

export function readDocument(conn: SqliteConnection, row: DocumentRow): Document {
  const parse = <T>(r: { json: string }) => JSON.parse(r.json) as T;
  const lines = conn
    .all<{ json: string }>('SELECT json FROM plan_lines WHERE doc_id = ? ORDER BY pos', row.id)
    .map(parse<PlanLine>);
  const facts = conn
    .all<{ json: string }>('SELECT json FROM fact_lines WHERE doc_id = ? ORDER BY rowid', row.id)
    .map(parse<FactLine>);
  return {
    ...(JSON.parse(row.header) as Omit<Document, 'lines' | 'facts' | 'status' | 'rev' | 'origin'>),
    id: row.id,
    type: row.type,
    status: row.status,
    rev: row.rev,
    lines,
    facts,
    origin: row.origin,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.completed_at === null ? {} : { completedAt: row.completed_at }),
    ...(row.holder === null ? {} : { deviceId: row.holder }),
    ...(row.cancel_reason === null ? {} : { cancelReason: row.cancel_reason }),
  };
}

/** Inserts a document or rewrites an existing one's header and plan (its facts are kept). */
export function writeDocument(
  conn: SqliteConnection,
  doc: DocumentWrite,
  now: string,
  exists: boolean,
): number {
  const rev = conn.next('doc_rev');
  const header = JSON.stringify(doc.header);
  if (exists) {
    conn.run(
      `UPDATE documents SET type = ?, status = ?, rev = ?, holder = ?, assignee_device = ?, origin = ?,
         header = ?, updated_at = ?, completed_at = NULL, cancel_reason = NULL, completion_seq = NULL
       WHERE id = ?`,
      doc.type,
      doc.status,
      rev,
      doc.holder,
      doc.assigneeDevice,
      doc.origin,
      header,
      now,
      doc.id,
    );
    conn.run('DELETE FROM plan_lines WHERE doc_id = ?', doc.id);
  } else {
    conn.run(
      `INSERT INTO documents (id, type, status, rev, holder, assignee_device, origin, header, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      doc.id,
      doc.type,
      doc.status,
      rev,
      doc.holder,
      doc.assigneeDevice,
      doc.origin,
      header,
      now,
      now,
    );
  }
  doc.lines.forEach((line, pos) => {
    conn.run(
      'INSERT INTO plan_lines (doc_id, pos, json) VALUES (?, ?, ?)',
      doc.id,
      pos,
      JSON.stringify(line),
    );
  });
  return rev;
}

/** Changes a document's lifecycle columns and gives it a new revision. */
export function updateLifecycle(
  conn: SqliteConnection,
  id: string,
  change: { status: DocumentStatus; holder: string | null; now: string },
): number {
  const rev = conn.next('doc_rev');
  // A new holder starts a new lease; the same holder keeps its start; no holder, no lease.
  conn.run(
    `UPDATE documents SET status = @status, holder = @holder, rev = @rev, updated_at = @now,
       lease_since = CASE WHEN @holder IS NULL THEN NULL WHEN holder IS @holder THEN lease_since ELSE @now END,
       lease_touched_at = CASE WHEN @holder IS NULL THEN NULL ELSE @now END
     WHERE id = @id`,
    { status: change.status, holder: change.holder, rev, now: change.now, id },
  );
  return rev;
}
