// Documents as rows: the header JSON and lifecycle columns in `documents`, plan lines and fact lines
// in their own tables. Reading assembles the wire `Document`; writing splits it. Written once over Tx.
import {
  type Document,
  type DocumentStatus,
  type FactLine,
  type PlanLine,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { Tx } from '../tx.js';

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

/** The columns of `DocumentRow`, for a query that names the table `documents d`. */
export const DOCUMENT_COLUMNS = `d.id, d.type, d.status, d.rev, d.holder, d.assignee_device, d.origin, d.header,
  d.created_at, d.updated_at, d.completed_at, d.cancel_reason, d.completion_seq, d.taken_from`;

/** Arrival order of fact lines: SQLite's rowid, PostgreSQL's `ord` (bigserial) column. */
export const factOrder = (tx: Tx): string => (tx.dialect === 'pg' ? 'ord' : 'rowid');

/** The document's row, locked for update when `lock` (every write path locks before deciding). */
export function findDocument(tx: Tx, id: string, lock = false): Promise<DocumentRow | undefined> {
  return tx.get<DocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ?${lock ? tx.forUpdate : ''}`,
    [id],
  );
}

/** The document's row, locked; DOC_NOT_FOUND when there is none. */
export async function requireDocument(tx: Tx, id: string): Promise<DocumentRow> {
  const row = await findDocument(tx, id, true);
  if (!row) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { id });
  return row;
}

export async function loadDocument(tx: Tx, id: string): Promise<Document | undefined> {
  const row = await findDocument(tx, id);
  return row ? readDocument(tx, row) : undefined;
}

export async function readDocument(tx: Tx, row: DocumentRow): Promise<Document> {
  const lines = await tx.all<{ json: string }>('SELECT json FROM plan_lines WHERE doc_id = ? ORDER BY pos', [
    row.id,
  ]);
  const facts = await tx.all<{ json: string }>(
    `SELECT json FROM fact_lines WHERE doc_id = ? ORDER BY ${factOrder(tx)}`,
    [row.id],
  );
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

/** What a new or replaced document stores: the header without lines and lifecycle fields, plus the
 * columns that drive visibility. */
export interface DocumentWrite {
  id: string;
  type: string;
  header: Record<string, unknown>;
  assigneeDevice: string | null;
  lines: readonly PlanLine[];
  status: DocumentStatus;
  holder: string | null;
  origin: 'accounting' | 'terminal';
}

/** Inserts a document or rewrites an existing one's header and plan (its facts are kept). */
export async function writeDocument(
  tx: Tx,
  doc: DocumentWrite,
  now: string,
  exists: boolean,
): Promise<number> {
  const rev = await tx.next('doc_rev');
  const columns = [
    doc.type,
    doc.status,
    rev,
    doc.holder,
    doc.assigneeDevice,
    doc.origin,
    JSON.stringify(doc.header),
  ];
  if (exists) {
    await tx.run(
      `UPDATE documents SET type = ?, status = ?, rev = ?, holder = ?, assignee_device = ?, origin = ?,
         header = ?, updated_at = ?, completed_at = NULL, cancel_reason = NULL, completion_seq = NULL
       WHERE id = ?`,
      [...columns, now, doc.id],
    );
    await tx.run('DELETE FROM plan_lines WHERE doc_id = ?', [doc.id]);
  } else {
    await tx.run(
      `INSERT INTO documents (type, status, rev, holder, assignee_device, origin, header, id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...columns, doc.id, now, now],
    );
  }
  if (doc.lines.length > 0) {
    await tx.run(`INSERT INTO plan_lines (doc_id, pos, json) SELECT ?, pos, item FROM ${tx.listItems()}`, [
      doc.id,
      tx.list(doc.lines.map((l) => JSON.stringify(l))),
    ]);
  }
  return rev;
}

/** Changes a document's lifecycle columns and gives it a new revision. */
export async function updateLifecycle(
  tx: Tx,
  id: string,
  change: { status: DocumentStatus; holder: string | null; now: string },
): Promise<number> {
  const rev = await tx.next('doc_rev');
  const { holder, now } = change;
  // A new holder starts a new lease; the same holder keeps its start; no holder, no lease.
  await tx.run(
    `UPDATE documents SET status = ?, holder = ?, rev = ?, updated_at = ?,
       lease_since = CASE WHEN CAST(? AS TEXT) IS NULL THEN NULL WHEN holder = ? THEN lease_since ELSE ? END,
       lease_touched_at = CASE WHEN CAST(? AS TEXT) IS NULL THEN NULL ELSE ? END
     WHERE id = ?`,
    [change.status, holder, rev, now, holder, holder, now, holder, now, id],
  );
  return rev;
}
