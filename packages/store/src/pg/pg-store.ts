// The PostgreSQL store, for several stateless server instances over one database: the dialect's
// schema on top of its pool (pg-tx.ts), and the one store logic (sql-server-store.ts) over them.
// Correctness under concurrency comes from the database: row locks, an advisory lock per catalog
// table, and safe points for every cursor handed out (DESIGN.md §5.3).
import { ShelfsyncError } from '@shelfsync/protocol';
import pg from 'pg';
import { type SqlServerStore, type StoreDialect, sqlServerStore } from '../sql-server-store.js';
import { type Stream, type Tx, UNBOUNDED } from '../tx.js';
import { asStoreError } from './pg-connection-errors.js';
import { migratePg } from './pg-migrations.js';
import { PgTx, type StreamTags, safePoint, streamTags } from './pg-tx.js';

export interface PgStoreOptions {
  connectionString: string;
  /** Schema holding the tables (created when missing); `public` by default. */
  schema?: string;
  maxConnections?: number;
  /** Told of each connection PostgreSQL closed or lost; the pool replaces it (default: ignored). */
  onConnectionError?: (error: Error) => void;
}

/** bigint columns and counts come back as numbers, as on SQLite (store numbers stay below 2^53). */
const INT8_OID = 20;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pool over one schema, its migrations, and the transactions over it. */
export class PgDialect implements StoreDialect {
  readonly schema: string;
  readonly pool: pg.Pool;
  readonly tags: StreamTags;

  constructor(options: PgStoreOptions) {
    this.schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) {
      throw new ShelfsyncError('CLI_USAGE', `Invalid PostgreSQL schema name: ${this.schema}.`, {
        schema: this.schema,
      });
    }
    this.tags = streamTags(this.schema);
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      options: `-c search_path=${this.schema}`,
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
  readonly #heard = new WeakSet<pg.PoolClient>();

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await migratePg(client);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** One READ COMMITTED transaction; write paths lock what they decide on. */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#transaction('BEGIN', [], fn);
  }

  /** One REPEATABLE READ snapshot, taken after the safe points of `streams` were computed. */
  read<T>(fn: (tx: Tx) => Promise<T>, streams: readonly Stream[] = []): Promise<T> {
    return this.#transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', streams, fn);
  }

  async #transaction<T>(begin: string, streams: readonly Stream[], fn: (tx: PgTx) => Promise<T>): Promise<T> {
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
        const result = await fn(new PgTx(client, this.tags, safe));
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

export type PgServerStore = SqlServerStore<PgDialect>;

export async function openPgServerStore(options: PgStoreOptions): Promise<PgServerStore> {
  const store = sqlServerStore(new PgDialect(options));
  await store.init();
  return store;
}
