// One catalog upload inside the writer's open transaction: rows are applied as they stream in, on
// the connection's prepared statements, with the change sequence kept in memory and written back at
// the end. Counts and checksum arithmetic are shared with PostgreSQL (catalog-ledger.ts).
import type { CatalogRow, CatalogTable } from '@shelfsync/protocol';
import { type StoredVersion, UploadTally } from '../catalog/catalog-ledger.js';
import type { UpsertCounts } from '../server-store.js';
import type { SqliteConnection } from './sqlite-connection.js';
import { SqliteTx } from './sqlite-tx.js';

/** Rows applied between two yields to the event loop, so reads are served during a long upload. */
const ROWS_PER_SLICE = 1000;
/** Rows tombstoned per query in replace mode (keyset pagination over the table's ids). */
const ABSENT_PAGE = 500;

const UPSERT_ROW = `INSERT INTO catalog_rows (tbl, id, seq, deleted, json) VALUES (?, ?, ?, 0, ?)
  ON CONFLICT (tbl, id) DO UPDATE SET seq = excluded.seq, deleted = 0, json = excluded.json`;

export class SqliteCatalogUpload {
  readonly #tally = new UploadTally();
  #seq: number;

  constructor(
    private readonly conn: SqliteConnection,
    private readonly table: CatalogTable,
    private readonly replace: boolean,
  ) {
    this.#seq = conn.counter('catalog_seq');
    if (replace) {
      // Uploaded ids live in a temp table, not in JS memory: a replace may carry millions of rows.
      conn.db.exec('CREATE TEMP TABLE IF NOT EXISTS upload_ids (id TEXT PRIMARY KEY) WITHOUT ROWID');
      conn.db.exec('DELETE FROM temp.upload_ids');
    }
  }

  async consume(rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>): Promise<UpsertCounts> {
    let inSlice = 0;
    for await (const row of rows) {
      this.#apply(row);
      if (++inSlice >= ROWS_PER_SLICE) {
        inSlice = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (this.replace) this.#tombstoneAbsent();
    this.conn.run("UPDATE counters SET value = ? WHERE name = 'catalog_seq'", this.#seq);
    return this.#tally.finish(new SqliteTx(this.conn), this.table);
  }

  #apply(row: CatalogRow): void {
    const { conn, table } = this;
    const json = JSON.stringify(row);
    if (this.replace) conn.run('INSERT OR IGNORE INTO temp.upload_ids (id) VALUES (?)', row.id);
    const stored = conn.get<StoredVersion>(
      'SELECT seq, deleted, json FROM catalog_rows WHERE tbl = ? AND id = ?',
      table,
      row.id,
    );
    if (this.#tally.unchanged(json, stored)) return;
    const seq = ++this.#seq;
    this.#tally.written(row.id, seq, stored);
    conn.run(UPSERT_ROW, table, row.id, seq, json);
  }

  #tombstoneAbsent(): void {
    const { conn, table } = this;
    let after = '';
    for (;;) {
      const absent = conn.all<{ id: string; seq: number }>(
        `SELECT id, seq FROM catalog_rows WHERE tbl = ? AND deleted = 0 AND id > ?
           AND id NOT IN (SELECT id FROM temp.upload_ids) ORDER BY id LIMIT ${ABSENT_PAGE}`,
        table,
        after,
      );
      for (const row of absent) {
        const seq = ++this.#seq;
        this.#tally.tombstoned(row.id, row.seq);
        conn.run(
          'UPDATE catalog_rows SET seq = ?, deleted = 1, json = NULL WHERE tbl = ? AND id = ?',
          seq,
          table,
          row.id,
        );
      }
      const last = absent.at(-1);
      if (!last) break;
      after = last.id;
    }
  }
}
