// Catalog reads and single-row writes on SQLite. Callers run each function inside one transaction
// (reads on the reader connection, writes on the writer), so counters and rows always agree.
import type { CatalogChange, CatalogRow, CatalogTable } from '@shelfsync/protocol';
import { CATALOG_TABLES, rowChecksum, ShelfsyncError, subtractChecksum } from '@shelfsync/protocol';
import type { CatalogPage } from './server-store.js';
import { tableChecksum } from './sqlite-catalog-upload.js';
import type { SqliteConnection } from './sqlite-connection.js';

interface ChangeRow {
  tbl: CatalogTable;
  id: string;
  seq: number;
  deleted: number;
  json: string | null;
}

/** Exported for the query-plan test: both must walk an index on seq, never the whole table. */
export const PULL_SQL = {
  firstLoad:
    'SELECT tbl, id, seq, deleted, json FROM catalog_rows WHERE deleted = 0 AND seq > ? ORDER BY seq LIMIT ?',
  changes: 'SELECT tbl, id, seq, deleted, json FROM catalog_rows WHERE seq > ? ORDER BY seq LIMIT ?',
};

export function deleteCatalogRow(conn: SqliteConnection, table: CatalogTable, id: string): boolean {
  const old = conn.get<{ seq: number }>(
    'SELECT seq FROM catalog_rows WHERE tbl = ? AND id = ? AND deleted = 0',
    table,
    id,
  );
  if (!old) return false;
  const seq = conn.next('catalog_seq');
  conn.run(
    'UPDATE catalog_rows SET seq = ?, deleted = 1, json = NULL WHERE tbl = ? AND id = ?',
    seq,
    table,
    id,
  );
  const sum = subtractChecksum(tableChecksum(conn, table), rowChecksum(id, old.seq));
  conn.run('UPDATE catalog_checksums SET sum = ? WHERE tbl = ?', sum, table);
  return true;
}

export function getCatalogRow(
  conn: SqliteConnection,
  table: CatalogTable,
  id: string,
): CatalogRow | undefined {
  const row = conn.get<{ json: string }>(
    'SELECT json FROM catalog_rows WHERE tbl = ? AND id = ? AND deleted = 0',
    table,
    id,
  );
  return row ? (JSON.parse(row.json) as CatalogRow) : undefined;
}

export function missingProducts(conn: SqliteConnection, ids: readonly string[]): string[] {
  return [...new Set(ids)].filter(
    (id) => !conn.get("SELECT 1 FROM catalog_rows WHERE tbl = 'products' AND id = ? AND deleted = 0", id),
  );
}

export function catalogChecksums(conn: SqliteConnection): {
  cursor: number;
  checksums: Record<CatalogTable, number>;
} {
  const checksums = Object.fromEntries(CATALOG_TABLES.map((t) => [t, tableChecksum(conn, t)]));
  return { cursor: conn.counter('catalog_seq'), checksums: checksums as Record<CatalogTable, number> };
}

export function pullCatalog(conn: SqliteConnection, after: number, limit: number): CatalogPage {
  const newest = conn.counter('catalog_seq');
  if (!Number.isSafeInteger(after) || after < 0 || after > newest) {
    throw new ShelfsyncError('SYNC_CURSOR_INVALID', undefined, { cursor: after, newest });
  }
  const horizon = conn.counter('catalog_horizon');
  if (after > 0 && after < horizon) {
    throw new ShelfsyncError('SYNC_MUST_REFETCH', undefined, { cursor: after, horizon });
  }
  // A first load has nothing to delete, so it skips tombstones (through the partial index).
  const rows = conn.all<ChangeRow>(after === 0 ? PULL_SQL.firstLoad : PULL_SQL.changes, after, limit + 1);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const changes = page.map(toChange);
  if (hasMore) return { changes, cursor: page.at(-1)?.seq ?? after, hasMore };
  // Caught up: the cursor jumps to the newest sequence (tombstones a first load skipped included).
  return { changes, cursor: newest, hasMore, checksums: catalogChecksums(conn).checksums };
}

export function compactCatalog(conn: SqliteConnection, upTo: number): void {
  const horizon = Math.min(Math.max(0, Math.floor(upTo)), conn.counter('catalog_seq'));
  conn.run('DELETE FROM catalog_rows WHERE deleted = 1 AND seq <= ?', horizon);
  conn.run("UPDATE counters SET value = max(value, ?) WHERE name = 'catalog_horizon'", horizon);
}

function toChange(row: ChangeRow): CatalogChange {
  if (row.deleted) return { op: 'del', table: row.tbl, id: row.id, seq: row.seq };
  return {
    op: 'put',
    table: row.tbl,
    id: row.id,
    seq: row.seq,
    row: JSON.parse(row.json ?? '{}') as Record<string, unknown>,
  };
}
