// The embedded SQLite store (better-sqlite3, WAL): the dialect's schema and catalog upload path on
// top of its connections (sqlite-tx.ts), and the one store logic (sql-server-store.ts) over them.
import type { CatalogRow, CatalogTable } from '@shelfsync/protocol';
import type { UpsertCounts } from '../server-store.js';
import { SqlServerStore, type StoreDialect } from '../sql-server-store.js';
import { SqliteCatalogUpload } from './sqlite-catalog-upload.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { SqliteTxSource } from './sqlite-tx.js';

export class SqliteDialect extends SqliteTxSource implements StoreDialect {
  async migrate(): Promise<void> {
    await this.exclusive((conn) => migrateSqlite(conn));
    // Opened after migrating: a read-only connection cannot create the WAL files or the schema.
    this.openReader();
  }

  upsertCatalog(
    table: CatalogTable,
    rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>,
    mode: 'merge' | 'replace',
  ): Promise<UpsertCounts> {
    const replace = mode === 'replace';
    // A merge writes no temp tables, so its statement journal can live in memory: the barcode
    // triggers make every row's upsert journal the pages it touches, and a temp file for that
    // journal cost more than half of the upload's time (docs/benchmarks.md, import). A replace
    // keeps its uploaded ids in a temp table that must not grow in memory, so it stays on file.
    return this.writeConn((c) => new SqliteCatalogUpload(c, table, replace).consume(rows), {
      memoryStatementJournal: !replace,
    });
  }
}

export type SqliteServerStore = SqlServerStore<SqliteDialect>;

/** Opens (creating or migrating) a store; `':memory:'` gives a private in-memory one for tests. */
export async function openSqliteServerStore(file: string): Promise<SqliteServerStore> {
  const store = new SqlServerStore(new SqliteDialect(file));
  await store.init();
  return store;
}
