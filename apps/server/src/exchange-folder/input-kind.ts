// What a file dropped into the exchange folder holds, decided by its name alone (the content is
// streamed later and never sniffed, so a big file is read once).
import { CATALOG_TABLES, type CatalogTable, ShelfsyncError } from '@shelfsync/protocol';

export type InputKind =
  | { kind: 'catalog'; table: CatalogTable; format: 'json' | 'ndjson' | 'csv' }
  | { kind: 'documents'; format: 'json' | 'ndjson' }
  | { kind: 'commerceml' };

/**
 * `products*.json|ndjson|csv` (likewise cells, warehouses, users; CSV for products only),
 * `documents*.json|ndjson`, and any `*.xml` as CommerceML (import*.xml, offers*.xml, documents).
 * Throws IMPORT_UNKNOWN_FILE for anything else.
 */
export function inputKind(fileName: string): InputKind {
  const name = fileName.toLowerCase();
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1);
  if (ext === 'xml') return { kind: 'commerceml' };
  const table = CATALOG_TABLES.find((t) => name.startsWith(t));
  if (table !== undefined) {
    if (ext === 'json' || ext === 'ndjson') return { kind: 'catalog', table, format: ext };
    if (ext === 'csv' && table === 'products') return { kind: 'catalog', table, format: 'csv' };
  }
  if (name.startsWith('documents') && (ext === 'json' || ext === 'ndjson')) {
    return { kind: 'documents', format: ext };
  }
  throw new ShelfsyncError('IMPORT_UNKNOWN_FILE', undefined, { file: fileName });
}

/**
 * Import order within one poll: catalogs before offers before documents, so a task dropped
 * together with its catalog finds its products. Unknown names last (they only make a report).
 */
export const DOCUMENTS_RANK = 3;

export function importRank(fileName: string): number {
  const name = fileName.toLowerCase();
  try {
    const kind = inputKind(fileName);
    if (kind.kind === 'catalog') return 0;
    if (kind.kind === 'documents') return DOCUMENTS_RANK;
    if (name.startsWith('import')) return 1;
    return name.startsWith('offers') || name.startsWith('prices') || name.startsWith('rests')
      ? 2
      : DOCUMENTS_RANK;
  } catch {
    return 4;
  }
}
