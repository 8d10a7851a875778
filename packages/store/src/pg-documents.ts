// Document operations the accounting system drives on PostgreSQL: put, cancel, list completed, ack.
// Each function runs inside the caller's transaction and locks the rows it decides on.
import type { Document, DocumentStatus } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import { missingProducts } from './pg-catalog.js';
import type { PgDocumentRow } from './pg-document-rows.js';
import {
  findDocument,
  loadDocument,
  PG_DOCUMENT_COLUMNS,
  readDocument,
  writeDocument,
} from './pg-document-rows.js';
import type { PgTx } from './pg-tx.js';
import type { CompletedPage, DocumentPut } from './server-store.js';

const REPLACEABLE: readonly DocumentStatus[] = ['new', 'released'];

export async function putDocuments(
  tx: PgTx,
  docs: readonly DocumentPut[],
  now: string,
): Promise<{ created: number; replaced: number }> {
  // Share locks keep the products alive until commit, so a concurrent delete cannot slip in.
  const productIds = [...new Set(docs.flatMap((d) => d.lines.map((l) => l.productId)))];
  await tx.run("SELECT 1 FROM catalog_rows WHERE tbl = 'products' AND id = ANY($1::text[]) FOR SHARE", [
    productIds,
  ]);
  const missing = await missingProducts(tx, productIds);
  if (missing.length > 0) throw new ShelfsyncError('DOC_UNKNOWN_PRODUCT', undefined, { missing });
  let created = 0;
  let replaced = 0;
  for (const doc of docs) {
    const old = await findDocument(tx, doc.id, true);
    if (old && !REPLACEABLE.includes(old.status)) {
      throw new ShelfsyncError('DOC_LOCKED', undefined, { id: doc.id, status: old.status });
    }
    const { lines, origin, deviceId: _holder, completedAt: _done, cancelReason: _why, ...header } = doc;
    const write = {
      id: doc.id,
      type: doc.type,
      header,
      assigneeDevice: doc.assignee?.deviceId ?? null,
      lines,
      status: 'new' as const,
      holder: null,
      origin: origin ?? 'accounting',
    };
    await writeDocument(tx, write, now, old !== undefined);
    if (old) replaced++;
    else created++;
  }
  return { created, replaced };
}

export async function cancelDocument(
  tx: PgTx,
  id: string,
  reason: string | undefined,
  now: string,
): Promise<Document> {
  const old = await requireDocument(tx, id);
  if (old.status === 'exported')
    throw new ShelfsyncError('DOC_LOCKED', undefined, { id, status: old.status });
  if (old.status !== 'cancelled') {
    const rev = await tx.next('doc_rev');
    // Scans already made are reported on the cancelled list, never dropped.
    const hasFacts = (await tx.one('SELECT 1 FROM fact_lines WHERE doc_id = $1 LIMIT 1', [id])) !== undefined;
    await tx.run(
      `UPDATE documents SET status = 'cancelled', cancel_reason = $2, rev = $3, updated_at = $4, completion_seq = $5
       WHERE id = $1`,
      [id, reason ?? null, rev, now, hasFacts ? await tx.next('completion_seq') : null],
    );
  }
  return (await loadDocument(tx, id))!;
}

export async function ackDocument(tx: PgTx, id: string, now: string): Promise<Document> {
  const old = await requireDocument(tx, id);
  if (old.status === 'completed') {
    const rev = await tx.next('doc_rev');
    await tx.run("UPDATE documents SET status = 'exported', rev = $2, updated_at = $3 WHERE id = $1", [
      id,
      rev,
      now,
    ]);
  } else if (old.status === 'cancelled') {
    await tx.run('UPDATE documents SET completion_seq = NULL, updated_at = $2 WHERE id = $1', [id, now]);
  } else if (old.status !== 'exported') {
    throw new ShelfsyncError('DOC_NOT_COMPLETED', undefined, { id, status: old.status });
  }
  return (await loadDocument(tx, id))!;
}

export async function listCompleted(
  tx: PgTx,
  safe: number,
  after: number,
  limit: number,
  status: 'completed' | 'cancelled' = 'completed',
): Promise<CompletedPage> {
  // Cancelled documents keep a completion_seq only while they have facts not yet acknowledged.
  const rows = await tx.all<PgDocumentRow>(
    `SELECT ${PG_DOCUMENT_COLUMNS} FROM documents d
     WHERE d.status = '${status}' AND d.completion_seq > $1 AND d.completion_seq <= $2
     ORDER BY d.completion_seq LIMIT $3`,
    [after, safe, limit + 1],
  );
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const items: Document[] = [];
  for (const row of page) items.push(await readDocument(tx, row));
  const last = page.at(-1);
  return { items, next: last ? Number(last.completion_seq) : after, hasMore };
}

async function requireDocument(tx: PgTx, id: string): Promise<PgDocumentRow> {
  const row = await findDocument(tx, id, true);
  if (!row) throw new ShelfsyncError('DOC_NOT_FOUND', undefined, { id });
  return row;
}
