// The catalog's bookkeeping beside its rows: newest sequence, compaction horizon, per-table checksums
// and the per-table writer lock. The schemas differ by design (migrations): SQLite, with one writer,
// keeps running totals; PostgreSQL appends checksum deltas so concurrent writers never contend on a
// row. This is the one place that knows it; the catalog rules and both upload paths go through here,
// and both uploads tally their counts and checksum change with the same UploadTally.
import type { CatalogTable } from '@shelfsync/protocol';
import { addChecksum, CATALOG_TABLES, rowChecksum, subtractChecksum } from '@shelfsync/protocol';
import type { UpsertCounts } from '../server-store.js';
import type { Tx } from '../tx.js';

const SQL = {
  sqlite: {
    newest: "SELECT value AS n FROM counters WHERE name = 'catalog_seq'",
    horizon: "SELECT value AS n FROM counters WHERE name = 'catalog_horizon'",
    raiseHorizon: "UPDATE counters SET value = ? WHERE name = 'catalog_horizon' AND value < ?",
    checksums: 'SELECT tbl, sum FROM catalog_checksums',
    addChecksum: 'UPDATE catalog_checksums SET sum = (sum + ?) % 4294967296 WHERE tbl = ?',
  },
  pg: {
    // The sequence, not the rows: compaction may have removed the newest change (a tombstone).
    newest: "SELECT coalesce(pg_sequence_last_value('catalog_seq'), 0) AS n",
    horizon: 'SELECT seq AS n FROM catalog_horizon',
    raiseHorizon: 'UPDATE catalog_horizon SET seq = ? WHERE seq < ?',
    checksums: 'SELECT tbl, sum(delta) % 4294967296 AS sum FROM catalog_checksum_deltas GROUP BY tbl',
    addChecksum: 'INSERT INTO catalog_checksum_deltas (delta, tbl) VALUES (?, ?)',
  },
} as const;

/** The newest catalog sequence number taken (on PostgreSQL possibly by a writer still in flight). */
export async function newestSeq(tx: Tx): Promise<number> {
  return Number((await tx.get<{ n: number }>(SQL[tx.dialect].newest))?.n ?? 0);
}

/** Cursors below the horizon must refetch: the tombstones up to it are gone. */
export async function readHorizon(tx: Tx): Promise<number> {
  return Number((await tx.get<{ n: number }>(SQL[tx.dialect].horizon))?.n ?? 0);
}

export async function raiseHorizon(tx: Tx, horizon: number): Promise<void> {
  await tx.run(SQL[tx.dialect].raiseHorizon, [horizon, horizon]);
}

export async function readChecksums(tx: Tx): Promise<Record<CatalogTable, number>> {
  const rows = await tx.all<{ tbl: CatalogTable; sum: number | string }>(SQL[tx.dialect].checksums);
  const sums = Object.fromEntries(CATALOG_TABLES.map((t) => [t, 0])) as Record<CatalogTable, number>;
  for (const row of rows) sums[row.tbl] = Number(row.sum);
  return sums;
}

/** Adds `delta` (modulo 2^32, protocol checksum.ts) to `table`'s checksum. */
export async function addToChecksum(tx: Tx, table: CatalogTable, delta: number): Promise<void> {
  if (delta !== 0) await tx.run(SQL[tx.dialect].addChecksum, [delta, table]);
}

/**
 * Writers of one table queue here on PostgreSQL, so each checksum delta is computed against rows no
 * one else is changing; other tables write concurrently. SQLite has one writer already.
 */
export async function lockCatalogTable(tx: Tx, table: CatalogTable): Promise<void> {
  if (tx.dialect !== 'pg') return;
  await tx.run(
    "SELECT pg_advisory_xact_lock(hashtext('shelfsync-catalog:' || current_schema() || ':' || ?))",
    [table],
  );
}

/** A stored catalog row as an upload compares with it (deleted: 0/1 on SQLite, boolean on PostgreSQL). */
export interface StoredVersion {
  seq: number;
  deleted: number | boolean;
  json: string | null;
}

/** The seq whose checksum a write over `stored` removes: only a live version counts. */
function liveSeq(stored: StoredVersion | undefined): number | undefined {
  return stored && !stored.deleted ? Number(stored.seq) : undefined;
}

/** What one upload did to a table: its counts and the checksum change it owes, written at the end. */
export class UploadTally {
  readonly counts: UpsertCounts = {
    received: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    cursor: 0,
  };
  #delta = 0;

  /** Counts an uploaded row (as JSON); true, and counted unchanged, when it equals the live version. */
  unchanged(json: string, stored: StoredVersion | undefined): boolean {
    this.counts.received++;
    const same = liveSeq(stored) !== undefined && stored?.json === json;
    if (same) this.counts.unchanged++;
    return same;
  }

  /** The row `id` was written at `seq` over `stored` (none, a tombstone or a live version). */
  written(id: string, seq: number, stored: StoredVersion | undefined): void {
    const old = liveSeq(stored);
    if (old === undefined) this.counts.created++;
    else {
      this.counts.updated++;
      this.#delta = subtractChecksum(this.#delta, rowChecksum(id, old));
    }
    this.#delta = addChecksum(this.#delta, rowChecksum(id, seq));
  }

  /** The live row `id` stored at `oldSeq` became a tombstone. */
  tombstoned(id: string, oldSeq: number): void {
    this.counts.deleted++;
    this.#delta = subtractChecksum(this.#delta, rowChecksum(id, oldSeq));
  }

  /** Records the checksum change and the cursor after the upload; call once its rows are written. */
  async finish(tx: Tx, table: CatalogTable): Promise<UpsertCounts> {
    await addToChecksum(tx, table, this.#delta);
    this.counts.cursor = await newestSeq(tx);
    return this.counts;
  }
}
