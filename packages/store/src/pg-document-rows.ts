// Documents as PostgreSQL rows (same layout as SQLite): header JSON and lifecycle columns in
// `documents`, plan and fact lines in their own tables.
import type { Document, DocumentStatus, FactLine, PlanLine } from '@shelfsync/protocol';
import type { DocumentWrite } from './document-write.js';
import type { PgTx } from './pg-tx.js';

export interface PgDocumentRow {
  id: string;
  type: string;
  status: DocumentStatus;
  rev: string;
  holder: string | null;
  assignee_device: string | null;
  origin: 'accounting' | 'terminal';
  header: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  cancel_reason: string | null;
  completion_seq: string | null;
  taken_from: string | null;
}

export const PG_DOCUMENT_COLUMNS = `d.id, d.type, d.status, d.rev, d.holder, d.assignee_device, d.origin, d.header,
  d.created_at, d.updated_at, d.completed_at, d.cancel_reason, d.completion_seq, d.taken_from`;

/** The document's row, locked for update when `lock` (every write path locks before deciding). */
export async function findDocument(tx: PgTx, id: string, lock = false): Promise<PgDocumentRow | undefined> {
  return tx.one<PgDocumentRow>(
    `SELECT ${PG_DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
}

export async function loadDocument(tx: PgTx, id: string): Promise<Document | undefined> {
  const row = await findDocument(tx, id);
  return row ? readDocument(tx, row) : undefined;
}

export async function readDocument(tx: PgTx, row: PgDocumentRow): Promise<Document> {
  const lines = await tx.all<{ json: string }>('SELECT json FROM plan_lines WHERE doc_id = $1 ORDER BY pos', [
    row.id,
  ]);
  const facts = await tx.all<{ json: string }>('SELECT json FROM fact_lines WHERE doc_id = $1 ORDER BY ord', [
    row.id,
  ]);
  return {
    ...(JSON.parse(row.header) as Omit<Document, 'lines' | 'facts' | 'status' | 'rev' | 'origin'>),
    id: row.id,
    type: row.type,
    status: row.status,
    rev: Number(row.rev),
    lines: lines.map((l) => JSON.parse(l.json) as PlanLine),
    facts: facts.map((f) => JSON.parse(f.json) as FactLine),
    origin: row.origin,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.completed_at === null ? {} : { completedAt: row.completed_at }),
    ...(row.holder === null ? {} : { deviceId: row.holder }),
    ...(row.cancel_reason === null ? {} : { cancelReason: row.cancel_reason }),
  };
}

/** Inserts a document or rewrites an existing one's header and plan (its facts are kept). */
export async function writeDocument(
  tx: PgTx,
  doc: DocumentWrite,
  now: string,
  exists: boolean,
): Promise<number> {
  const rev = await tx.next('doc_rev');
  const values = [
    doc.id,
    doc.type,
    doc.status,
    rev,
    doc.holder,
    doc.assigneeDevice,
    doc.origin,
    JSON.stringify(doc.header),
    now,
  ];
  if (exists) {
    await tx.run(
      `UPDATE documents SET type = $2, status = $3, rev = $4, holder = $5, assignee_device = $6, origin = $7,
         header = $8, updated_at = $9, completed_at = NULL, cancel_reason = NULL, completion_seq = NULL
       WHERE id = $1`,
      values,
    );
    await tx.run('DELETE FROM plan_lines WHERE doc_id = $1', [doc.id]);
  } else {
    await tx.run(
      `INSERT INTO documents (id, type, status, rev, holder, assignee_device, origin, header, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      values,
    );
  }
  if (doc.lines.length > 0) {
    await tx.run(
      `INSERT INTO plan_lines (doc_id, pos, json)
       SELECT $1, u.ord - 1, u.json FROM unnest($2::text[]) WITH ORDINALITY AS u (json, ord)`,
      [doc.id, doc.lines.map((l) => JSON.stringify(l))],
    );
  }
  return rev;
}

export async function updateLifecycle(
  tx: PgTx,
  id: string,
  change: { status: DocumentStatus; holder: string | null; now: string },
): Promise<number> {
  const rev = await tx.next('doc_rev');
  // A new holder starts a new lease; the same holder keeps its start; no holder, no lease.
  await tx.run(
    `UPDATE documents SET status = $2, holder = $3::text, rev = $4, updated_at = $5,
       lease_since = CASE WHEN $3::text IS NULL THEN NULL
         WHEN holder IS NOT DISTINCT FROM $3::text THEN lease_since ELSE $5 END,
       lease_touched_at = CASE WHEN $3::text IS NULL THEN NULL ELSE $5 END
     WHERE id = $1`,
    [id, change.status, change.holder, rev, change.now],
  );
  return rev;
}
