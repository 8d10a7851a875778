// The embedded SQLite store (better-sqlite3, WAL): the dialect's schema on top of its connections
// (sqlite-tx.ts), and the one store logic (sql-server-store.ts) over them.
import { SqlServerStore, type StoreDialect } from '../sql-server-store.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { SqliteTxSource } from './sqlite-tx.js';

export class SqliteDialect extends SqliteTxSource implements StoreDialect {
  async migrate(): Promise<void> {
    await this.exclusive((conn) => migrateSqlite(conn));
    // Opened after migrating: a read-only connection cannot create the WAL files or the schema.
    this.openReader();
  }
}

export type SqliteServerStore = SqlServerStore<SqliteDialect>;

/** Opens (creating or migrating) a store; `':memory:'` gives a private in-memory one for tests. */
export async function openSqliteServerStore(file: string): Promise<SqliteServerStore> {
  const store = new SqlServerStore(new SqliteDialect(file));
  await store.init();
  return store;
}
