// A PostgreSQL transaction as the store's modules see it: queries plus numbers from the three
// ordered streams (catalog changes, document revisions, completions), reserved per DESIGN.md §5.3.
import pg, { type PoolClient, type QueryResultRow } from 'pg';
import { type Stream, type Tx, type TxSource, UNBOUNDED } from '../tx.js';
import { asStoreError } from './pg-connection-errors.js';

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

  /** The streams reserved so far. */
  reservations(): Stream[] {
    return [...this.#reserved];
  }

  /**
   * Forgets the reservations made since `kept` was taken: a rollback to a savepoint released their
   * advisory locks, so the stream's next number must reserve again or readers could pass it.
   */
  keepReservations(kept: readonly Stream[]): void {
    for (const stream of this.#reserved) if (!kept.includes(stream)) this.#reserved.delete(stream);
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

/** PostgreSQL's side of the store's transaction interface (tx.ts). */
export class PgSqlTx implements Tx {
  readonly dialect = 'pg';
  readonly forUpdate = ' FOR UPDATE';
  readonly forShare = ' FOR SHARE';
  #savepoints = 0;
  /** Savepoints entered but not sent yet (see `savepoint`). */
  readonly #unopened: string[] = [];
  /** Savepoints sent, outermost first; `left` ones ended without error and wait for their RELEASE. */
  readonly #sent: { name: string; left: boolean }[] = [];

  constructor(
    readonly pgTx: PgTx,
    private readonly safePoints: Readonly<Record<Stream, number>> = UNBOUNDED,
  ) {}

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    if (this.#unopened.length > 0) await this.#open();
    return this.pgTx.all(toPgPlaceholders(sql), [...params]) as Promise<T[]>;
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    if (this.#unopened.length > 0) await this.#open();
    return this.pgTx.one(toPgPlaceholders(sql), [...params]) as Promise<T | undefined>;
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    if (this.#unopened.length > 0) await this.#open();
    return this.pgTx.run(toPgPlaceholders(sql), [...params]);
  }

  async next(stream: Stream): Promise<number> {
    if (this.#unopened.length > 0) await this.#open();
    return this.pgTx.next(stream);
  }

  async nextMany(stream: Stream, count: number): Promise<number[]> {
    if (this.#unopened.length > 0) await this.#open();
    return this.pgTx.nextMany(stream, count);
  }

  safe(stream: Stream): number {
    return this.safePoints[stream];
  }

  inList(column: string): string {
    return `${column} = ANY(?::text[])`;
  }

  list(values: readonly string[]): unknown {
    return [...values];
  }

  listItems(): string {
    return '(SELECT u.ord - 1 AS pos, u.item FROM unnest(?::text[]) WITH ORDINALITY AS u (item, ord)) AS items';
  }

  jsonText(column: string, key: string): string {
    return `((${column})::jsonb ->> '${key}')`;
  }

  /**
   * A savepoint costs one round trip, and only when a statement runs in it: it is sent just before
   * that statement, and its RELEASE goes with the next savepoint sent (or COMMIT), so a batch of small
   * steps, each in its own savepoint, pays one SAVEPOINT per step that touches the database.
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.#savepoints}`;
    this.#unopened.push(name);
    const reserved = this.pgTx.reservations();
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
      await this.pgTx.run(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
      this.pgTx.keepReservations(reserved);
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
    await this.pgTx.run([...release, ...names.map((name) => `SAVEPOINT ${name}`)].join('; '));
  }

  /** Drops a savepoint never sent (nothing ran in it), with any unsent one inside it. */
  #forget(name: string): void {
    const at = this.#unopened.indexOf(name);
    if (at >= 0) this.#unopened.splice(at);
  }
}

/** bigint columns and counts come back as numbers, as on SQLite (store numbers stay below 2^53). */
const INT8_OID = 20;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pool over one schema and the transactions over it. */
export class PgTxSource implements TxSource {
  readonly pool: pg.Pool;
  readonly tags: StreamTags;

  constructor(options: {
    connectionString: string;
    schema: string;
    maxConnections?: number;
    onConnectionError?: (error: Error) => void;
  }) {
    this.tags = streamTags(options.schema);
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      options: `-c search_path=${options.schema}`,
      types: typeParsers,
      // An outage answers STORE_UNAVAILABLE within this, rather than holding requests.
      connectionTimeoutMillis: 5_000,
    });
    // A closed idle connection (pg_terminate_backend, idle_session_timeout, a restart) is an `error`
    // event; unheard, it ends the process. The pool has already dropped it and connects anew.
    this.#onConnectionError = options.onConnectionError ?? (() => {});
    this.pool.on('error', (error) => this.#onConnectionError(error));
  }

  readonly #onConnectionError: (error: Error) => void;
  /** Clients given a listener for errors that arrive while they are checked out. */
  readonly #heard = new WeakSet<PoolClient>();

  /** One READ COMMITTED transaction; write paths lock what they decide on. */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.writePg((tx) => fn(new PgSqlTx(tx)));
  }

  /** `write` for code that works on the PostgreSQL transaction itself (the catalog upload path). */
  writePg<T>(fn: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.#transaction('BEGIN', [], (tx) => fn(tx));
  }

  /** One REPEATABLE READ snapshot, taken after the safe points of `streams` were computed. */
  read<T>(fn: (tx: Tx) => Promise<T>, streams: readonly Stream[] = []): Promise<T> {
    return this.readPg((tx, safe) => fn(new PgSqlTx(tx, safe)), streams);
  }

  readPg<T>(
    fn: (tx: PgTx, safe: Record<Stream, number>) => Promise<T>,
    streams: readonly Stream[] = [],
  ): Promise<T> {
    return this.#transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', streams, fn);
  }

  async #transaction<T>(
    begin: string,
    streams: readonly Stream[],
    fn: (tx: PgTx, safe: Record<Stream, number>) => Promise<T>,
  ): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw asStoreError(error);
    });
    if (!this.#heard.has(client)) {
      // While checked out a client has no pool listener: the query in flight fails with the error too.
      client.on('error', (error) => this.#onConnectionError(error));
      this.#heard.add(client);
    }
    try {
      const safe = { ...UNBOUNDED };
      for (const stream of streams) safe[stream] = await safePoint(client, this.tags, stream);
      await client.query(begin);
      try {
        const result = await fn(new PgTx(client, this.tags), safe);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // On a lost connection ROLLBACK fails too; the error that matters is the first one.
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    } catch (error) {
      throw asStoreError(error);
    } finally {
      // A client whose connection broke is not queryable, and the pool drops it on release.
      client.release();
    }
  }
}
