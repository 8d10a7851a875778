// One catalog upload inside the writer's open transaction: rows are applied as they stream in,
// with the change sequence and the table checksum kept in memory and written back at the end.
import type { CatalogRow, CatalogTable } from '@shelfsync/protocol';
import { addChecksum, rowChecksum, subtractChecksum } from '@shelfsync/protocol';
import type { UpsertCounts } from './server-store.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** Rows applied between two yields to the event loop, so reads are served during a long upload. */
const ROWS_PER_SLICE = 1000;
/** Rows tombstoned per query in replace mode (keyset pagination over the table's ids). */
const ABSENT_PAGE = 500;

const UPSERT_ROW = `INSERT INTO catalog_rows (tbl, id, seq, deleted, json) VALUES (?, ?, ?, 0, ?)
  ON CONFLICT (tbl, id) DO UPDATE SET seq = excluded.seq, deleted = 0, json = excluded.json`;

export class SqliteCatalogUpload {
  readonly counts: UpsertCounts = {
    received: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    cursor: 0,
  };
  #seq: number;
  #sum: number;

  constructor(
    private readonly conn: SqliteConnection,
    private readonly table: CatalogTable,
    private readonly replace: boolean,
  ) {
    this.#seq = conn.counter('catalog_seq');
    this.#sum = tableChecksum(conn, table);
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
    this.conn.run('UPDATE catalog_checksums SET sum = ? WHERE tbl = ?', this.#sum, this.table);
    this.counts.cursor = this.#seq;
    return this.counts;
  }

  #apply(row: CatalogRow): void {
    const { conn, table, counts } = this;
    counts.received++;
    const json = JSON.stringify(row);
    if (this.replace) conn.run('INSERT OR IGNORE INTO temp.upload_ids (id) VALUES (?)', row.id);
    const old = conn.get<{ seq: number; deleted: number; json: string | null }>(
      'SELECT seq, deleted, json FROM catalog_rows WHERE tbl = ? AND id = ?',
      table,
      row.id,
    );
    const live = old !== undefined && old.deleted === 0;
    if (live && old.json === json) {
      counts.unchanged++;
      return;
    }
    const seq = ++this.#seq;
    if (live) {
      this.#sum = subtractChecksum(this.#sum, rowChecksum(row.id, old.seq));
      counts.updated++;
    } else {
      counts.created++;
    }
    this.#sum = addChecksum(this.#sum, rowChecksum(row.id, seq));
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
        this.#sum = subtractChecksum(this.#sum, rowChecksum(row.id, row.seq));
        conn.run(
          'UPDATE catalog_rows SET seq = ?, deleted = 1, json = NULL WHERE tbl = ? AND id = ?',
          seq,
          table,
          row.id,
        );
        this.counts.deleted++;
      }
      const last = absent.at(-1);
      if (!last) break;
      after = last.id;
    }
  }
}

export function tableChecksum(conn: SqliteConnection, table: CatalogTable): number {
  return conn.get<{ sum: number }>('SELECT sum FROM catalog_checksums WHERE tbl = ?', table)?.sum ?? 0;
}
