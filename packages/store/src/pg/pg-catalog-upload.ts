// A catalog upload inside one PostgreSQL transaction: rows arrive in chunks, each chunk compared
// with the stored versions and written with one multi-row statement. Uploads of the same table
// queue on the table's lock (so checksum deltas stay exact); other tables upload concurrently.
// Counts and checksum arithmetic are shared with SQLite (catalog-ledger.ts).
import type { CatalogRow, CatalogTable } from '@shelfsync/protocol';
import { lockCatalogTable, type StoredVersion, UploadTally } from '../catalog/catalog-ledger.js';
import type { UpsertCounts } from '../server-store.js';
import { PgSqlTx, type PgTx } from './pg-tx.js';

const CHUNK = 500;

export class PgCatalogUpload {
  readonly #tally = new UploadTally();
  readonly #ledgerTx: PgSqlTx;

  constructor(
    private readonly tx: PgTx,
    private readonly table: CatalogTable,
    private readonly replace: boolean,
  ) {
    this.#ledgerTx = new PgSqlTx(tx);
  }

  async consume(rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>): Promise<UpsertCounts> {
    await lockCatalogTable(this.#ledgerTx, this.table);
    if (this.replace) {
      await this.tx.run(
        'CREATE TEMP TABLE IF NOT EXISTS upload_ids (id text COLLATE "C" PRIMARY KEY) ON COMMIT DROP',
      );
      await this.tx.run('TRUNCATE upload_ids');
    }
    // Ids are unique within a chunk: a repeated id starts the next chunk, so it compares with the first.
    let chunk = new Map<string, CatalogRow>();
    for await (const row of rows) {
      if (chunk.size >= CHUNK || chunk.has(row.id)) {
        await this.#applyChunk([...chunk.values()]);
        chunk = new Map();
      }
      chunk.set(row.id, row);
    }
    await this.#applyChunk([...chunk.values()]);
    if (this.replace) await this.#tombstoneAbsent();
    return this.#tally.finish(this.#ledgerTx, this.table);
  }

  async #applyChunk(rows: CatalogRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { tx, table } = this;
    const ids = rows.map((r) => r.id);
    if (this.replace) {
      await tx.run('INSERT INTO upload_ids (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [ids]);
    }
    const found = await tx.all<StoredVersion & { id: string }>(
      'SELECT id, seq, deleted, json FROM catalog_rows WHERE tbl = $1 AND id = ANY($2::text[])',
      [table, ids],
    );
    const stored = new Map(found.map((s) => [s.id, s]));
    const changed = rows
      .map((row) => ({ id: row.id, json: JSON.stringify(row) }))
      .filter((c) => !this.#tally.unchanged(c.json, stored.get(c.id)));
    if (changed.length === 0) return;
    const seqs = await tx.nextMany('catalog_seq', changed.length);
    changed.forEach((c, i) => {
      this.#tally.written(c.id, seqs[i]!, stored.get(c.id));
    });
    await tx.run(
      `INSERT INTO catalog_rows (tbl, id, seq, deleted, json)
       SELECT $1, u.id, u.seq, false, u.json FROM unnest($2::text[], $3::bigint[], $4::text[]) AS u (id, seq, json)
       ON CONFLICT (tbl, id) DO UPDATE SET seq = excluded.seq, deleted = false, json = excluded.json`,
      [table, changed.map((c) => c.id), seqs, changed.map((c) => c.json)],
    );
  }

  async #tombstoneAbsent(): Promise<void> {
    const { tx, table } = this;
    let after = '';
    for (;;) {
      const absent = await tx.all<{ id: string; seq: number }>(
        `SELECT id, seq FROM catalog_rows c WHERE tbl = $1 AND NOT deleted AND id > $2
           AND NOT EXISTS (SELECT 1 FROM upload_ids u WHERE u.id = c.id) ORDER BY id LIMIT ${CHUNK}`,
        [table, after],
      );
      if (absent.length === 0) return;
      const seqs = await tx.nextMany('catalog_seq', absent.length);
      for (const row of absent) this.#tally.tombstoned(row.id, Number(row.seq));
      await tx.run(
        `UPDATE catalog_rows c SET seq = u.seq, deleted = true, json = NULL
         FROM unnest($2::text[], $3::bigint[]) AS u (id, seq) WHERE c.tbl = $1 AND c.id = u.id`,
        [table, absent.map((r) => r.id), seqs],
      );
      after = absent.at(-1)!.id;
    }
  }
}
