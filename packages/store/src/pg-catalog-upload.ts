// A catalog upload inside one PostgreSQL transaction: rows arrive in chunks, each chunk compared
// with the stored versions and written with one multi-row statement. Uploads of the same table
// queue on an advisory lock (so checksum deltas stay exact); other tables upload concurrently.
import type { CatalogRow, CatalogTable } from '@shelfsync/protocol';
import { addChecksum, rowChecksum, subtractChecksum } from '@shelfsync/protocol';
import type { PgTx } from './pg-tx.js';
import type { UpsertCounts } from './server-store.js';

const CHUNK = 500;

export async function lockCatalogTable(tx: PgTx, table: CatalogTable): Promise<void> {
  await tx.run(
    "SELECT pg_advisory_xact_lock(hashtext('shelfsync-catalog:' || current_schema() || ':' || $1))",
    [table],
  );
}

export async function recordChecksumDelta(tx: PgTx, table: CatalogTable, delta: number): Promise<void> {
  if (delta !== 0)
    await tx.run('INSERT INTO catalog_checksum_deltas (tbl, delta) VALUES ($1, $2)', [table, delta]);
}

export class PgCatalogUpload {
  readonly counts: UpsertCounts = {
    received: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    cursor: 0,
  };
  #delta = 0;

  constructor(
    private readonly tx: PgTx,
    private readonly table: CatalogTable,
    private readonly replace: boolean,
  ) {}

  async consume(rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>): Promise<UpsertCounts> {
    await lockCatalogTable(this.tx, this.table);
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
    await recordChecksumDelta(this.tx, this.table, this.#delta);
    const last = await this.tx.one<{ n: string }>(
      "SELECT coalesce(pg_sequence_last_value('catalog_seq'), 0) AS n",
    );
    this.counts.cursor = Number(last?.n ?? 0);
    return this.counts;
  }

  async #applyChunk(rows: CatalogRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { tx, table, counts } = this;
    counts.received += rows.length;
    const ids = rows.map((r) => r.id);
    if (this.replace) {
      await tx.run('INSERT INTO upload_ids (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [ids]);
    }
    const stored = await tx.all<{ id: string; seq: string; deleted: boolean; json: string | null }>(
      'SELECT id, seq, deleted, json FROM catalog_rows WHERE tbl = $1 AND id = ANY($2::text[])',
      [table, ids],
    );
    const old = new Map(stored.filter((s) => !s.deleted).map((s) => [s.id, s]));
    const changed: { id: string; json: string; oldSeq: number | undefined }[] = [];
    for (const row of rows) {
      const json = JSON.stringify(row);
      const before = old.get(row.id);
      if (before?.json === json) counts.unchanged++;
      else changed.push({ id: row.id, json, oldSeq: before ? Number(before.seq) : undefined });
    }
    const seqs = await tx.nextMany('catalog_seq', changed.length);
    changed.forEach((c, i) => {
      if (c.oldSeq === undefined) counts.created++;
      else {
        counts.updated++;
        this.#delta = subtractChecksum(this.#delta, rowChecksum(c.id, c.oldSeq));
      }
      this.#delta = addChecksum(this.#delta, rowChecksum(c.id, seqs[i]!));
    });
    if (changed.length === 0) return;
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
      const absent = await tx.all<{ id: string; seq: string }>(
        `SELECT id, seq FROM catalog_rows c WHERE tbl = $1 AND NOT deleted AND id > $2
           AND NOT EXISTS (SELECT 1 FROM upload_ids u WHERE u.id = c.id) ORDER BY id LIMIT ${CHUNK}`,
        [table, after],
      );
      if (absent.length === 0) return;
      const seqs = await tx.nextMany('catalog_seq', absent.length);
      for (const row of absent) {
        this.#delta = subtractChecksum(this.#delta, rowChecksum(row.id, Number(row.seq)));
      }
      await tx.run(
        `UPDATE catalog_rows c SET seq = u.seq, deleted = true, json = NULL
         FROM unnest($2::text[], $3::bigint[]) AS u (id, seq) WHERE c.tbl = $1 AND c.id = u.id`,
        [table, absent.map((r) => r.id), seqs],
      );
      this.counts.deleted += absent.length;
      after = absent.at(-1)!.id;
    }
  }
}
