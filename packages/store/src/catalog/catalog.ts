// The catalog change log (DESIGN.md §5.1, §5.2, §5.8), once for both databases: single-row writes,
// reads, paged pulls up to the safe point, checksums and compaction. Uploads of many rows stream
// through catalog-upload.ts.
import type { CatalogChange, CatalogRow, CatalogTable } from '@shelfsync/protocol';
import { rowChecksum, ShelfsyncError, subtractChecksum } from '@shelfsync/protocol';
import type { BarcodeMatch, CatalogPage } from '../server-store.js';
import type { Tx } from '../tx.js';
import { type BarcodeMatchRow, barcodeMatchOf, FIND_BY_BARCODE_SQL } from './barcode-match.js';
import {
  addToChecksum,
  lockCatalogTable,
  newestSeq,
  raiseHorizon,
  readChecksums,
  readHorizon,
} from './catalog-ledger.js';

interface ChangeRow {
  tbl: CatalogTable;
  id: string;
  seq: number;
  deleted: number | boolean;
  json: string | null;
}

/** "Not a tombstone", spelled as each database's partial index `catalog_rows_live_seq` says it. */
function live(dialect: Tx['dialect']): string {
  return dialect === 'pg' ? 'NOT deleted' : 'deleted = 0';
}

/**
 * A pull's query (after, up to, limit). Exported for the query-plan test: both forms must walk an
 * index on seq, never the whole table; a first load has nothing to delete, so it skips tombstones
 * through the partial index.
 */
export function pullSql(dialect: Tx['dialect'], firstLoad: boolean): string {
  return `SELECT tbl, id, seq, deleted, json FROM catalog_rows
    WHERE ${firstLoad ? `${live(dialect)} AND ` : ''}seq > ? AND seq <= ? ORDER BY seq LIMIT ?`;
}

export async function deleteCatalogRow(tx: Tx, table: CatalogTable, id: string): Promise<boolean> {
  await lockCatalogTable(tx, table);
  const old = await tx.get<{ seq: number }>(
    `SELECT seq FROM catalog_rows WHERE tbl = ? AND id = ? AND ${live(tx.dialect)}`,
    [table, id],
  );
  if (!old) return false;
  const seq = await tx.next('catalog_seq');
  await tx.run('UPDATE catalog_rows SET seq = ?, deleted = true, json = NULL WHERE tbl = ? AND id = ?', [
    seq,
    table,
    id,
  ]);
  await addToChecksum(tx, table, subtractChecksum(0, rowChecksum(id, Number(old.seq))));
  return true;
}

export async function getCatalogRow(
  tx: Tx,
  table: CatalogTable,
  id: string,
): Promise<CatalogRow | undefined> {
  const row = await tx.get<{ json: string }>(
    `SELECT json FROM catalog_rows WHERE tbl = ? AND id = ? AND ${live(tx.dialect)}`,
    [table, id],
  );
  return row ? (JSON.parse(row.json) as CatalogRow) : undefined;
}

/** The distinct `ids` that are not live products. */
export async function missingProducts(
  tx: Tx,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  // `lock` keeps the live ones alive until commit (PostgreSQL), so a concurrent delete cannot slip in.
  const found = await tx.all<{ id: string }>(
    `SELECT id FROM catalog_rows WHERE tbl = 'products' AND ${tx.inList('id')} AND ${live(tx.dialect)}${options.lock ? tx.forShare : ''}`,
    [tx.list(unique)],
  );
  const known = new Set(found.map((r) => r.id));
  return unique.filter((id) => !known.has(id));
}

/** The checksums of everything committed and a cursor no in-flight writer can still fall below. */
export async function catalogChecksums(
  tx: Tx,
): Promise<{ cursor: number; checksums: Record<CatalogTable, number> }> {
  const cursor = Math.min(await newestSeq(tx), tx.safe('catalog_seq'));
  return { cursor, checksums: await readChecksums(tx) };
}

export async function pullCatalog(tx: Tx, after: number, limit: number): Promise<CatalogPage> {
  const newest = await newestSeq(tx);
  if (!Number.isSafeInteger(after) || after < 0 || after > newest) {
    throw new ShelfsyncError('SYNC_CURSOR_INVALID', undefined, { cursor: after, newest });
  }
  const horizon = await readHorizon(tx);
  if (after > 0 && after < horizon) {
    throw new ShelfsyncError('SYNC_MUST_REFETCH', undefined, { cursor: after, horizon });
  }
  const safe = Math.min(newest, tx.safe('catalog_seq'));
  const rows = await tx.all<ChangeRow>(pullSql(tx.dialect, after === 0), [after, safe, limit + 1]);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const changes = page.map(toChange);
  if (hasMore) return { changes, cursor: changes.at(-1)?.seq ?? after, hasMore };
  // Caught up: the cursor jumps to the safe point (tombstones a first load skipped included).
  const cursor = Math.max(after, safe);
  // Rows committed beyond the safe point (PostgreSQL, writers finishing out of order) mean the
  // snapshot is not the catalog at `cursor`, so its checksums would not match a replica there.
  const beyond = await tx.get('SELECT 1 FROM catalog_rows WHERE seq > ? LIMIT 1', [cursor]);
  if (beyond) return { changes, cursor, hasMore };
  return { changes, cursor, hasMore, checksums: await readChecksums(tx) };
}

/**
 * Drops the tombstones up to `upTo` (at most the newest sequence) and raises the horizon there. The
 * caller bounds `upTo` by a read's safe point where writers commit out of order (PostgreSQL).
 */
export async function compactCatalog(tx: Tx, upTo: number): Promise<void> {
  const horizon = Math.min(Math.max(0, Math.floor(upTo)), await newestSeq(tx));
  await tx.run('DELETE FROM catalog_rows WHERE deleted AND seq <= ?', [horizon]);
  await raiseHorizon(tx, horizon);
}

export async function findByBarcode(tx: Tx, code: string): Promise<BarcodeMatch> {
  return barcodeMatchOf(await tx.get<BarcodeMatchRow>(FIND_BY_BARCODE_SQL, [code]));
}

function toChange(row: ChangeRow): CatalogChange {
  const seq = Number(row.seq);
  if (row.deleted) return { op: 'del', table: row.tbl, id: row.id, seq };
  return {
    op: 'put',
    table: row.tbl,
    id: row.id,
    seq,
    row: JSON.parse(row.json ?? '{}') as Record<string, unknown>,
  };
}
