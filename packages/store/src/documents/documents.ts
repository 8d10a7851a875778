// Document operations the accounting system drives: put, cancel, list completed, acknowledge. Each
// function runs inside the caller's transaction and locks the rows it decides on (PostgreSQL; SQLite
// has one writer).
import type { Document, DocumentStatus } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import { missingProducts } from '../catalog/catalog.js';
import type { CompletedPage, DocumentPut } from '../server-store.js';
import type { Tx } from '../tx.js';
import {
  DOCUMENT_COLUMNS,
  type DocumentRow,
  findDocument,
  loadDocument,
  readDocument,
  requireDocument,
  writeDocument,
} from './document-rows.js';

/** DOC_UNKNOWN_PRODUCT naming the first missing product (in upload order), its document and line. */
function unknownProducts(docs: readonly DocumentPut[], missing: readonly string[]): ShelfsyncError {
  const absent = new Set(missing);
  const ordered = [
    ...new Set(docs.flatMap((d) => d.lines.map((l) => l.productId)).filter((id) => absent.has(id))),
  ];
  const doc = docs.find((d) => d.lines.some((l) => absent.has(l.productId)));
  const line = doc?.lines.find((l) => absent.has(l.productId));
  const rest = ordered.slice(1);
  const more =
    rest.length > 0
      ? ` (and ${rest.length} more: ${rest.slice(0, 5).join(', ')}${rest.length > 5 ? ', …' : ''})`
      : '';
  const message = `Document ${doc?.id ?? '?'}, line ${line?.id ?? '?'}: product ${line?.productId ?? missing[0]} is not in the catalog${more}. Upload the product first.`;
  return new ShelfsyncError('DOC_UNKNOWN_PRODUCT', message, {
    missing: ordered,
    ...(doc ? { id: doc.id } : {}),
    ...(line ? { lineId: line.id } : {}),
  });
}

/** Statuses in which the accounting system may still replace a document. */
const REPLACEABLE: readonly DocumentStatus[] = ['new', 'released'];

export async function putDocuments(
  tx: Tx,
  docs: readonly DocumentPut[],
  now: string,
): Promise<{ created: number; replaced: number }> {
  const productIds = docs.flatMap((d) => d.lines.map((l) => l.productId));
  const missing = await missingProducts(tx, productIds, { lock: true });
  if (missing.length > 0) throw unknownProducts(docs, missing);
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
  tx: Tx,
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
    const hasFacts =
      (await tx.get('SELECT 1 AS one FROM fact_lines WHERE doc_id = ? LIMIT 1', [id])) !== undefined;
    await tx.run(
      `UPDATE documents SET status = 'cancelled', cancel_reason = ?, rev = ?, updated_at = ?, completion_seq = ?
       WHERE id = ?`,
      [reason ?? null, rev, now, hasFacts ? await tx.next('completion_seq') : null, id],
    );
  }
  return (await loadDocument(tx, id))!;
}

export async function ackDocument(tx: Tx, id: string, now: string): Promise<Document> {
  const old = await requireDocument(tx, id);
  if (old.status === 'completed') {
    const rev = await tx.next('doc_rev');
    await tx.run("UPDATE documents SET status = 'exported', rev = ?, updated_at = ? WHERE id = ?", [
      rev,
      now,
      id,
    ]);
  } else if (old.status === 'cancelled') {
    await tx.run('UPDATE documents SET completion_seq = NULL, updated_at = ? WHERE id = ?', [now, id]);
  } else if (old.status !== 'exported') {
    throw new ShelfsyncError('DOC_NOT_COMPLETED', undefined, { id, status: old.status });
  }
  return (await loadDocument(tx, id))!;
}

/**
 * Documents listed for the accounting side by completion order: completed ones until acknowledged,
 * and cancelled ones while they hold facts not yet acknowledged (they keep a completion_seq only then).
 * Exported for the query-plan test.
 */
export const listedSql = (status: 'completed' | 'cancelled'): string =>
  `SELECT ${DOCUMENT_COLUMNS} FROM documents d
   WHERE d.status = '${status}' AND d.completion_seq > ? AND d.completion_seq <= ?
   ORDER BY d.completion_seq LIMIT ?`;

export async function listCompleted(
  tx: Tx,
  after: number,
  limit: number,
  status: 'completed' | 'cancelled' = 'completed',
): Promise<CompletedPage> {
  const rows = await tx.all<DocumentRow>(listedSql(status), [after, tx.safe('completion_seq'), limit + 1]);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const items: Document[] = [];
  for (const row of page) items.push(await readDocument(tx, row));
  const last = page.at(-1);
  return { items, next: last ? Number(last.completion_seq) : after, hasMore };
}
