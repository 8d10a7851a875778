// Catalog reads and single-row writes on PostgreSQL. Pulls read in one REPEATABLE READ snapshot and
// only up to the safe point computed just before it (DESIGN.md §5.3).
import type { CatalogChange, CatalogRow, CatalogTable } from '@shelfsync/protocol';
import { CATALOG_TABLES, rowChecksum, ShelfsyncError, subtractChecksum } from '@shelfsync/protocol';
import { lockCatalogTable, recordChecksumDelta } from './pg-catalog-upload.js';
import type { PgTx } from './pg-tx.js';
import type { CatalogPage } from './server-store.js';

interface ChangeRow {
  tbl: CatalogTable;
  id: string;
  seq: string;
  deleted: boolean;
  json: string | null;
}

export async function deleteCatalogRow(tx: PgTx, table: CatalogTable, id: string): Promise<boolean> {
  await lockCatalogTable(tx, table);
  const old = await tx.one<{ seq: string }>(
    'SELECT seq FROM catalog_rows WHERE tbl = $1 AND id = $2 AND NOT deleted',
    [table, id],
  );
  if (!old) return false;
  const seq = await tx.next('catalog_seq');
  await tx.run('UPDATE catalog_rows SET seq = $3, deleted = true, json = NULL WHERE tbl = $1 AND id = $2', [
    table,
    id,
    seq,
  ]);
  await recordChecksumDelta(tx, table, subtractChecksum(0, rowChecksum(id, Number(old.seq))));
  return true;
}

export async function getCatalogRow(
  tx: PgTx,
  table: CatalogTable,
  id: string,
): Promise<CatalogRow | undefined> {
  const row = await tx.one<{ json: string }>(
    'SELECT json FROM catalog_rows WHERE tbl = $1 AND id = $2 AND NOT deleted',
    [table, id],
  );
  return row ? (JSON.parse(row.json) as CatalogRow) : undefined;
}

export async function missingProducts(tx: PgTx, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const live = await tx.all<{ id: string }>(
    "SELECT id FROM catalog_rows WHERE tbl = 'products' AND NOT deleted AND id = ANY($1::text[])",
    [unique],
  );
  const found = new Set(live.map((r) => r.id));
  return unique.filter((id) => !found.has(id));
}

export async function catalogChecksums(tx: PgTx): Promise<Record<CatalogTable, number>> {
  const rows = await tx.all<{ tbl: CatalogTable; sum: string }>(
    'SELECT tbl, sum(delta) % 4294967296 AS sum FROM catalog_checksum_deltas GROUP BY tbl',
  );
  const sums = Object.fromEntries(CATALOG_TABLES.map((t) => [t, 0])) as Record<CatalogTable, number>;
  for (const row of rows) sums[row.tbl] = Number(row.sum);
  return sums;
}

export async function pullCatalog(
  tx: PgTx,
  safe: number,
  after: number,
  limit: number,
): Promise<CatalogPage> {
  const newest = Number(
    (await tx.one<{ n: string }>("SELECT coalesce(pg_sequence_last_value('catalog_seq'), 0) AS n"))?.n ?? 0,
  );
  if (!Number.isSafeInteger(after) || after < 0 || after > newest) {
    throw new ShelfsyncError('SYNC_CURSOR_INVALID', undefined, { cursor: after, newest });
  }
  const horizon = Number((await tx.one<{ seq: string }>('SELECT seq FROM catalog_horizon'))?.seq ?? 0);
  if (after > 0 && after < horizon) {
    throw new ShelfsyncError('SYNC_MUST_REFETCH', undefined, { cursor: after, horizon });
  }
  const rows = await tx.all<ChangeRow>(
    `SELECT tbl, id, seq, deleted, json FROM catalog_rows
     WHERE seq > $1 AND seq <= $2 ${after === 0 ? 'AND NOT deleted' : ''} ORDER BY seq LIMIT $3`,
    [after, safe, limit + 1],
  );
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const changes = page.map(toChange);
  if (hasMore) return { changes, cursor: Number(page.at(-1)!.seq), hasMore };
  const cursor = Math.max(after, safe);
  // Rows committed beyond the safe point mean the snapshot is not the catalog at `cursor`.
  const beyond = await tx.one('SELECT 1 FROM catalog_rows WHERE seq > $1 LIMIT 1', [cursor]);
  if (beyond) return { changes, cursor, hasMore };
  return { changes, cursor, hasMore, checksums: await catalogChecksums(tx) };
}

export async function compactCatalog(tx: PgTx, safe: number, upTo: number): Promise<void> {
  const horizon = Math.min(Math.max(0, Math.floor(upTo)), safe);
  await tx.run('DELETE FROM catalog_rows WHERE deleted AND seq <= $1', [horizon]);
  await tx.run('UPDATE catalog_horizon SET seq = greatest(seq, $1)', [horizon]);
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
