// SQLite's side of the store's transaction interface (tx.ts) and the connections behind it: one
// writer behind an async lock (a catalog upload's transaction spans awaits) and a read-only
// connection with its own lock, whose WAL snapshot never shows half of a write. An in-memory
// database has one connection, so there reads queue behind the writes.

import { jsonText, type Stream, type Tx, type TxSource, type WriteOptions } from '../tx.js';
import { AsyncMutex } from './async-mutex.js';
import { SqliteConnection } from './sqlite-connection.js';

/** better-sqlite3 binds no booleans: `true`/`false` become 1/0, as SQLite itself stores them. */
const bindable = (params: readonly unknown[]): unknown[] =>
  params.map((p) => (p === true ? 1 : p === false ? 0 : p));

export class SqliteTx implements Tx {
  readonly dialect = 'sqlite';
  readonly forUpdate = '';
  readonly forShare = '';
  #savepoints = 0;

  constructor(readonly conn: SqliteConnection) {}

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.conn.all<T>(sql, ...bindable(params));
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.conn.get<T>(sql, ...bindable(params));
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.conn.run(sql, ...bindable(params)).changes;
  }

  async next(stream: Stream): Promise<number> {
    return this.conn.next(stream);
  }

  async nextMany(stream: Stream, count: number): Promise<number[]> {
    if (count <= 0) return [];
    const row = this.conn.get<{ value: number }>(
      'UPDATE counters SET value = value + ? WHERE name = ? RETURNING value',
      count,
      stream,
    );
    const last = row!.value;
    return Array.from({ length: count }, (_, i) => last - count + 1 + i);
  }

  safe(stream: Stream): number {
    return this.conn.counter(stream);
  }

  inList(column: string): string {
    return `${column} IN (SELECT value FROM json_each(?))`;
  }

  list(values: readonly string[]): unknown {
    return JSON.stringify(values);
  }

  listItems(): string {
    return '(SELECT key AS pos, value AS item FROM json_each(?)) AS items';
  }

  jsonText(column: string, key: string): string {
    return jsonText('sqlite', column, key);
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.#savepoints}`;
    this.conn.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      this.conn.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.conn.db.exec(`ROLLBACK TO ${name}`);
      this.conn.db.exec(`RELEASE ${name}`);
      throw error;
    }
  }
}

/** The connections of one SQLite file and the transactions over them. */
export class SqliteTxSource implements TxSource {
  readonly writer: SqliteConnection;
  #reader: SqliteConnection | undefined;
  readonly #writeLock = new AsyncMutex();
  readonly #readLock = new AsyncMutex();

  constructor(readonly file: string) {
    this.writer = new SqliteConnection(file);
  }

  /** Opens the read connection; call after migrating (a read-only connection cannot create the WAL). */
  openReader(): void {
    if (!this.#reader && this.file !== ':memory:' && this.file !== '') {
      this.#reader = new SqliteConnection(this.file, { readonly: true });
    }
  }

  async close(): Promise<void> {
    await this.#writeLock.run(() =>
      this.#readLock.run(() => {
        this.#reader?.close();
        this.writer.close();
      }),
    );
  }

  /** Runs `fn` on the writer connection with nothing else using it (migrations, set-up). */
  exclusive<T>(fn: (conn: SqliteConnection) => T | Promise<T>): Promise<T> {
    return this.#writeLock.run(() => fn(this.writer));
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE), after every earlier write. */
  write<T>(fn: (tx: Tx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    return this.writeConn((conn) => fn(new SqliteTx(conn)), options);
  }

  /** `write` for code that works on the connection itself (the catalog upload path). */
  writeConn<T>(fn: (conn: SqliteConnection) => T | Promise<T>, options: WriteOptions = {}): Promise<T> {
    return this.#writeLock.run(async () => {
      const conn = this.writer;
      // Read by SQLite when the transaction begins; it cannot change inside one.
      if (options.memoryStatementJournal) conn.db.pragma('temp_store = MEMORY');
      try {
        conn.db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(conn);
          conn.db.exec('COMMIT');
          return result;
        } catch (error) {
          if (conn.db.inTransaction) conn.db.exec('ROLLBACK');
          throw error;
        }
      } finally {
        if (options.memoryStatementJournal && !conn.db.inTransaction) conn.db.pragma('temp_store = DEFAULT');
      }
    });
  }

  /** Runs `fn` in one read snapshot on the read connection (the writer for an in-memory base). */
  read<T>(fn: (tx: Tx) => Promise<T>, _streams?: readonly Stream[]): Promise<T> {
    return this.readConn((conn) => fn(new SqliteTx(conn)));
  }

  /** `read` for code that works on the connection itself. */
  readConn<T>(fn: (conn: SqliteConnection) => T | Promise<T>): Promise<T> {
    const reader = this.#reader;
    if (!reader) return this.writeConn(fn);
    return this.#readLock.run(async () => {
      reader.db.exec('BEGIN');
      try {
        return await fn(reader);
      } finally {
        reader.db.exec('COMMIT');
      }
    });
  }
}
