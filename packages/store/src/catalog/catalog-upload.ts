// One catalog upload (CatalogStore.upsertCatalog) inside one write transaction, on both databases:
// rows arrive in chunks, each chunk is compared with the stored versions in one query and its
// changed rows take their sequence numbers at once. Uploads of one table queue on the table's lock
// (PostgreSQL; catalog-ledger.ts), so checksum deltas stay exact; other tables upload concurrently.
import type { CatalogRow, CatalogTable } from '@shelfsync/protocol';
import type { UpsertCounts } from '../server-store.js';
import type { Tx } from '../tx.js';
import { lockCatalogTable, type StoredVersion, UploadTally } from './catalog-ledger.js';

/** Rows compared per query; between two chunks the upload yields, so reads are served meanwhile. */
const CHUNK = 500;

/** A replace's uploaded ids live in a temp table, not in JS memory: it may carry millions of rows. */
const UPLOAD_IDS = {
  sqlite: [
    'CREATE TEMP TABLE IF NOT EXISTS upload_ids (id TEXT PRIMARY KEY) WITHOUT ROWID',
    'DELETE FROM temp.upload_ids',
  ],
  pg: [
    'CREATE TEMP TABLE IF NOT EXISTS upload_ids (id text COLLATE "C" PRIMARY KEY) ON COMMIT DROP',
    'TRUNCATE upload_ids',
  ],
} as const;

/** Catalog rows to store: a live version, or a tombstone (`json` null). */
type Written = { id: string; seq: number; json: string | null }[];

export async function uploadCatalog(
  tx: Tx,
  table: CatalogTable,
  rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>,
  replace: boolean,
): Promise<UpsertCounts> {
  const tally = new UploadTally();
  await lockCatalogTable(tx, table);
  if (replace) for (const sql of UPLOAD_IDS[tx.dialect]) await tx.run(sql);
  // Ids are unique within a chunk: a repeated id starts the next chunk, so it compares with the first.
  let chunk = new Map<string, CatalogRow>();
  const flush = async () => {
    await applyChunk(tx, table, [...chunk.values()], replace, tally);
    chunk = new Map();
    await new Promise((resolve) => setImmediate(resolve));
  };
  for await (const row of rows) {
    if (chunk.size >= CHUNK || chunk.has(row.id)) await flush();
    chunk.set(row.id, row);
  }
  await flush();
  if (replace) await tombstoneAbsent(tx, table, tally);
  return tally.finish(tx, table);
}

async function applyChunk(
  tx: Tx,
  table: CatalogTable,
  rows: CatalogRow[],
  replace: boolean,
  tally: UploadTally,
): Promise<void> {
  if (rows.length === 0) return;
  const ids = tx.list(rows.map((r) => r.id));
  if (replace) {
    await tx.run(
      `INSERT INTO upload_ids (id) SELECT item FROM ${tx.listItems()} WHERE true ON CONFLICT DO NOTHING`,
      [ids],
    );
  }
  const found = await tx.all<StoredVersion & { id: string }>(
    `SELECT id, seq, deleted, json FROM catalog_rows WHERE tbl = ? AND ${tx.inList('id')}`,
    [table, ids],
  );
  const stored = new Map(found.map((s) => [s.id, s]));
  const changed = rows
    .map((row) => ({ id: row.id, json: JSON.stringify(row) }))
    .filter((c) => !tally.unchanged(c.json, stored.get(c.id)));
  const seqs = await tx.nextMany('catalog_seq', changed.length);
  const written = changed.map((c, i) => ({ ...c, seq: seqs[i]! }));
  for (const w of written) tally.written(w.id, w.seq, stored.get(w.id));
  await writeRows(tx, table, written);
}

/** Replace: every live row of the table the upload did not name becomes a tombstone. */
async function tombstoneAbsent(tx: Tx, table: CatalogTable, tally: UploadTally): Promise<void> {
  let after = '';
  for (;;) {
    const absent = await tx.all<{ id: string; seq: number }>(
      `SELECT id, seq FROM catalog_rows c WHERE tbl = ? AND NOT deleted AND id > ?
         AND NOT EXISTS (SELECT 1 FROM upload_ids u WHERE u.id = c.id) ORDER BY id LIMIT ${CHUNK}`,
      [table, after],
    );
    if (absent.length === 0) return;
    const seqs = await tx.nextMany('catalog_seq', absent.length);
    for (const row of absent) tally.tombstoned(row.id, Number(row.seq));
    await writeRows(
      tx,
      table,
      absent.map((r, i) => ({ id: r.id, seq: seqs[i]!, json: null })),
    );
    after = absent.at(-1)!.id;
  }
}

/** Writes a chunk in one multi-row statement, a round trip (or a call into SQLite) per chunk. */
async function writeRows(tx: Tx, table: CatalogTable, rows: Written): Promise<void> {
  if (rows.length === 0) return;
  await tx.run(
    `INSERT INTO catalog_rows (tbl, id, seq, deleted, json) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}
     ON CONFLICT (tbl, id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, json = excluded.json`,
    rows.flatMap((r) => [table, r.id, r.seq, r.json === null, r.json]),
  );
}
