// How a completed document is written to out/: JSON (the REST API's document, every fact line), CSV
// (one row per plan line and distinct cell / marking code / serial / lot / operator, with plan and
// fact) or CommerceML (a Документ for 1C, the same rows as Товар lines).
import { createHash } from 'node:crypto';
import { exportRows, writeCommerceMlDocuments } from '@shelfsync/formats';
import type { Document } from '@shelfsync/protocol';

export const EXPORT_FORMATS = ['json', 'csv', 'commerceml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXTENSIONS: Record<ExportFormat, string> = { json: 'json', csv: 'csv', commerceml: 'xml' };

/**
 * Characters that no file system accepts in a name are replaced; a long id (up to 200 Cyrillic
 * characters is 400 bytes, past the usual 255-byte limit) is cut and made unique by its hash.
 */
function safeName(id: string): string {
  const safe = id.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  if (Buffer.byteLength(safe) <= 160) return safe;
  return `${safe.slice(0, 60)}-${createHash('sha256').update(id).digest('hex').slice(0, 16)}`;
}

/**
 * `000000000042-<docId>.json`: the completion sequence first, so names sort in completion order
 * and the same document always maps to the same name (which is how a restart recognises a file it
 * wrote but did not acknowledge).
 */
export function exportFileName(completionSeq: number, docId: string, format: ExportFormat): string {
  return `${String(completionSeq).padStart(12, '0')}-${safeName(docId)}.${EXTENSIONS[format]}`;
}

/**
 * The first nine columns are the original layout (old readers keep working); the rest carry what the
 * terminal recorded. One row per export row: a plan line split by cell, marking code, serial, lot,
 * expiry and operator (see exportRows), then facts outside the plan, then unknown barcodes.
 */
export const CSV_HEADER = [
  'document_id',
  'number',
  'date',
  'type',
  'product_id',
  'name',
  'plan',
  'fact',
  'price',
  'line_id',
  'cell_id',
  'marking_code',
  'serial',
  'lot',
  'expiry',
  'operator_id',
  'barcode',
];

function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function documentCsv(doc: Document): string {
  const lines = [CSV_HEADER.join(';')];
  const head = [doc.id, doc.number, doc.date, doc.type];
  for (const row of exportRows(doc)) {
    const cells = [
      ...head,
      row.productId,
      row.name,
      row.plan,
      row.fact,
      row.price,
      row.lineId,
      row.cellId,
      row.markingCode,
      row.serial,
      row.lot,
      row.expiry,
      row.operatorId,
      undefined,
    ];
    lines.push(cells.map(csvField).join(';'));
  }
  // Barcodes nobody knew: no product, the raw barcode, kept so that nothing scanned is lost.
  for (const f of doc.facts) {
    if (f.productId !== null) continue;
    const cells = [...head, '', undefined, 0, f.qty, undefined, undefined, f.cellId, f.markingCode];
    cells.push(f.serial, f.lot, f.expiry, f.operatorId, f.barcode);
    lines.push(cells.map(csvField).join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function renderDocument(doc: Document, format: ExportFormat, now: Date): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(doc, null, 2)}\n`;
    case 'csv':
      return documentCsv(doc);
    case 'commerceml':
      return writeCommerceMlDocuments([doc], { generatedAt: now });
  }
}
