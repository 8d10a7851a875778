// The PostgreSQL store, for several stateless server instances over one database: the dialect's
// schema and catalog upload path on top of its pool (pg-tx.ts), and the one store logic
// (sql-server-store.ts) over them. Correctness under concurrency comes from the database: row locks,
// an advisory lock per catalog table, and safe points for every cursor handed out (DESIGN.md §5.3).
import type { CatalogRow, CatalogTable } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { UpsertCounts } from '../server-store.js';
import { SqlServerStore, type StoreDialect } from '../sql-server-store.js';
import { PgCatalogUpload } from './pg-catalog-upload.js';
import { migratePg } from './pg-migrations.js';
import { PgTxSource } from './pg-tx.js';

export interface PgStoreOptions {
  connectionString: string;
  /** Schema holding the tables (created when missing); `public` by default. */
  schema?: string;
  maxConnections?: number;
  /** Told of each connection PostgreSQL closed or lost; the pool replaces it (default: ignored). */
  onConnectionError?: (error: Error) => void;
}

export class PgDialect extends PgTxSource implements StoreDialect {
  readonly schema: string;

  constructor(options: PgStoreOptions) {
    const schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new ShelfsyncError('CLI_USAGE', `Invalid PostgreSQL schema name: ${schema}.`, { schema });
    }
    super({ ...options, schema });
    this.schema = schema;
  }

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

  upsertCatalog(
    table: CatalogTable,
    rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>,
    mode: 'merge' | 'replace',
  ): Promise<UpsertCounts> {
    return this.writePg((tx) => new PgCatalogUpload(tx, table, mode === 'replace').consume(rows));
  }
}

export type PgServerStore = SqlServerStore<PgDialect>;

export async function openPgServerStore(options: PgStoreOptions): Promise<PgServerStore> {
  const store = new SqlServerStore(new PgDialect(options));
  await store.init();
  return store;
}
