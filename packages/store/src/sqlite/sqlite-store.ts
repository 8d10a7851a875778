// The embedded SQLite store (better-sqlite3, WAL): the one store logic (sql-server-store.ts) over
// the file's connections: one writer behind an async lock (a catalog upload's transaction spans
// awaits) and a read-only connection with its own lock, whose WAL snapshot never shows half of a
// write. An in-memory database has one connection, so there reads queue behind the writes.
import { type SqlServerStore, type StoreDialect, sqlServerStore } from '../sql-server-store.js';
import type { Stream, Tx, WriteOptions } from '../tx.js';
import { AsyncMutex } from './async-mutex.js';
import { SqliteConnection } from './sqlite-connection.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { SqliteTx } from './sqlite-tx.js';

/** The connections of one SQLite file and the transactions over them. */
export class SqliteDialect implements StoreDialect {
  readonly writer: SqliteConnection;
  #reader: SqliteConnection | undefined;
  readonly #writeLock = new AsyncMutex();
  readonly #readLock = new AsyncMutex();

  constructor(readonly file: string) {
    this.writer = new SqliteConnection(file);
  }

  async migrate(): Promise<void> {
    await this.exclusive((conn) => migrateSqlite(conn));
    // Opened after migrating: a read-only connection cannot create the WAL files or the schema.
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

export type SqliteServerStore = SqlServerStore<SqliteDialect>;

/** Opens (creating or migrating) a store; `':memory:'` gives a private in-memory one for tests. */
export async function openSqliteServerStore(file: string): Promise<SqliteServerStore> {
  const store = sqlServerStore(new SqliteDialect(file));
  await store.init();
  return store;
}
