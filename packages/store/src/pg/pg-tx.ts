// A PostgreSQL transaction as the store's modules see it (tx.ts): queries plus numbers from the three
// ordered streams (catalog changes, document revisions, completions), reserved per DESIGN.md §5.3.
// pg-store.ts has the pool and the transactions.
import type pg from 'pg';
import type { PoolClient } from 'pg';
import { jsonText, type Stream, type Tx, UNBOUNDED } from '../tx.js';

export type { Stream } from '../tx.js';

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

/** The highest number of `stream` below every writer still in flight (run outside a transaction). */
export async function safePoint(client: PoolClient, tags: StreamTags, stream: Stream): Promise<number> {
  const row = await client.query<{ n: string }>('SELECT shelfsync_safe_point($1::regclass, $2) AS n', [
    stream,
    tags[stream],
  ]);
  return Number(row.rows[0]?.n ?? 0);
}

const placeholderCache = new Map<string, string>();

/** `?` → `$1, $2…` (store SQL never holds a literal question mark; jsonb's `?` operator is not used). */
export function toPgPlaceholders(sql: string): string {
  let converted = placeholderCache.get(sql);
  if (converted === undefined) {
    let n = 0;
    converted = sql.replace(/\?/g, () => `$${++n}`);
    if (placeholderCache.size < 2000) placeholderCache.set(sql, converted);
  }
  return converted;
}

/** PostgreSQL's side of the store's transaction interface (tx.ts), on one pooled client. */
export class PgTx implements Tx {
  readonly dialect = 'pg';
  readonly forUpdate = ' FOR UPDATE';
  readonly forShare = ' FOR SHARE';
  /** The streams whose first number this transaction took, published to readers (DESIGN.md §5.3). */
  readonly #reserved = new Set<Stream>();
  #savepoints = 0;
  /** Savepoints entered but not sent yet (see `savepoint`). */
  readonly #unopened: string[] = [];
  /** Savepoints sent, outermost first; `left` ones ended without error and wait for their RELEASE. */
  readonly #sent: { name: string; left: boolean }[] = [];

  constructor(
    readonly client: PoolClient,
    private readonly tags: StreamTags,
    private readonly safePoints: Readonly<Record<Stream, number>> = UNBOUNDED,
  ) {}

  async #query(sql: string, params: readonly unknown[]): Promise<pg.QueryResult> {
    if (this.#unopened.length > 0) await this.#open();
    return this.client.query(toPgPlaceholders(sql), [...params]);
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.#query(sql, params)).rows as T[];
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.#query(sql, params)).rows[0] as T | undefined;
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.#query(sql, params)).rowCount ?? 0;
  }

  /** The transaction's first number of a stream is taken under its gate and published to readers. */
  async next(stream: Stream): Promise<number> {
    const first = !this.#reserved.has(stream);
    const row = first
      ? await this.get<{ n: number }>('SELECT shelfsync_reserve(?::regclass, ?) AS n', [
          stream,
          this.tags[stream],
        ])
      : await this.get<{ n: number }>('SELECT nextval(?::regclass) AS n', [stream]);
    this.#reserved.add(stream);
    return Number(row?.n);
  }

  async nextMany(stream: Stream, count: number): Promise<number[]> {
    if (count <= 0) return [];
    const first = await this.next(stream);
    const rest = await this.all<{ n: number }>(
      'SELECT nextval(?::regclass) AS n FROM generate_series(2, ?)',
      [stream, count],
    );
    return [first, ...rest.map((r) => Number(r.n)).sort((a, b) => a - b)];
  }

  safe(stream: Stream): number {
    return this.safePoints[stream];
  }

  readonly inList = (column: string): string => `${column} = ANY(?::text[])`;
  readonly list = (values: readonly string[]): unknown => [...values];
  readonly listItems = (): string =>
    '(SELECT u.ord - 1 AS pos, u.item FROM unnest(?::text[]) WITH ORDINALITY AS u (item, ord)) AS items';
  readonly jsonText = (column: string, key: string): string => jsonText('pg', column, key);

  /**
   * A savepoint costs one round trip, and only when a statement runs in it: it is sent just before
   * that statement, and its RELEASE goes with the next savepoint sent (or COMMIT), so a batch of small
   * steps, each in its own savepoint, pays one SAVEPOINT per step that touches the database.
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.#savepoints}`;
    this.#unopened.push(name);
    const reserved = [...this.#reserved];
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      const at = this.#sent.findIndex((s) => s.name === name);
      if (at < 0) {
        this.#forget(name);
        throw error;
      }
      this.#sent.splice(at);
      // No parameters: one round trip for both statements.
      await this.client.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
      // The rollback released the advisory locks of the reservations taken in it: the stream's next
      // number must reserve again, or readers could pass it.
      for (const stream of this.#reserved) if (!reserved.includes(stream)) this.#reserved.delete(stream);
      throw error;
    }
    const sent = this.#sent.find((s) => s.name === name);
    if (sent) sent.left = true;
    else this.#forget(name);
    return result;
  }

  /** Releases the savepoints already left and sends those entered since, outermost first. */
  async #open(): Promise<void> {
    // Those left are the innermost (savepoints nest): releasing the outermost of them releases all.
    const left = this.#sent.findIndex((s) => s.left);
    const release = left < 0 ? [] : [`RELEASE SAVEPOINT ${this.#sent[left]?.name}`];
    if (left >= 0) this.#sent.splice(left);
    const names = this.#unopened.splice(0);
    this.#sent.push(...names.map((name) => ({ name, left: false })));
    await this.client.query([...release, ...names.map((name) => `SAVEPOINT ${name}`)].join('; '));
  }

  /** Drops a savepoint never sent (nothing ran in it), with any unsent one inside it. */
  #forget(name: string): void {
    const at = this.#unopened.indexOf(name);
    if (at >= 0) this.#unopened.splice(at);
  }
}
