// A PostgreSQL transaction as the store's modules see it: queries plus numbers from the three
// ordered streams (catalog changes, document revisions, completions), reserved per DESIGN.md §5.3.
import type { PoolClient, QueryResultRow } from 'pg';

export const STREAMS = ['catalog_seq', 'doc_rev', 'completion_seq'] as const;
export type Stream = (typeof STREAMS)[number];

/** Advisory-lock tags per stream, distinct per schema so test schemas do not slow each other. */
export type StreamTags = Record<Stream, number>;

export function streamTags(schema: string): StreamTags {
  const tag = (stream: Stream) => {
    let h = 0x811c9dc5;
    for (const ch of `${schema}:${stream}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
    // 15 bits, never 0: the tag fills the top 16 bits of a 64-bit advisory lock key.
    return ((h >>> 0) % 0x7fff) + 1;
  };
  return { catalog_seq: tag('catalog_seq'), doc_rev: tag('doc_rev'), completion_seq: tag('completion_seq') };
}

export class PgTx {
  readonly #reserved = new Set<Stream>();

  constructor(
    readonly client: PoolClient,
    private readonly tags: StreamTags,
  ) {}

  async all<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.client.query<R>(sql, params)).rows;
  }

  async one<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R | undefined> {
    return (await this.client.query<R>(sql, params)).rows[0];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.client.query(sql, params)).rowCount ?? 0;
  }

  /** The next number of `stream`; the transaction's first one is published to readers first. */
  async next(stream: Stream): Promise<number> {
    if (!this.#reserved.has(stream)) {
      const row = await this.one<{ n: string }>('SELECT shelfsync_reserve($1::regclass, $2) AS n', [
        stream,
        this.tags[stream],
      ]);
      this.#reserved.add(stream);
      return Number(row?.n);
    }
    return Number((await this.one<{ n: string }>('SELECT nextval($1::regclass) AS n', [stream]))?.n);
  }

  /** `count` ascending numbers of `stream`. */
  async nextMany(stream: Stream, count: number): Promise<number[]> {
    if (count <= 0) return [];
    const first = await this.next(stream);
    const rest = await this.all<{ n: string }>(
      'SELECT nextval($1::regclass) AS n FROM generate_series(2, $2)',
      [stream, count],
    );
    return [first, ...rest.map((r) => Number(r.n)).sort((a, b) => a - b)];
  }

  /** Reserves `stream` now, so SQL in this transaction may call nextval() on it directly. */
  async reserve(stream: Stream): Promise<void> {
    if (!this.#reserved.has(stream)) await this.next(stream);
  }
}

/** The highest number of `stream` below every writer still in flight (run outside a transaction). */
export async function safePoint(client: PoolClient, tags: StreamTags, stream: Stream): Promise<number> {
  const row = await client.query<{ n: string }>('SELECT shelfsync_safe_point($1::regclass, $2) AS n', [
    stream,
    tags[stream],
  ]);
  return Number(row.rows[0]?.n ?? 0);
}
