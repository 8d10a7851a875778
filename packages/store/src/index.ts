// @shelfsync/store: the server storage ports and the one store over SQLite or PostgreSQL. The
// contract suite (which imports vitest) is exported separately as `@shelfsync/store/contract`.

export { openPgServerStore, PgDialect, type PgServerStore, type PgStoreOptions } from './pg/pg-store.js';
export * from './server-store.js';
export { type SqlServerStore, type StoreDialect, sqlServerStore } from './sql-server-store.js';
export { backupSqliteStore } from './sqlite/sqlite-backup.js';
export { openSqliteServerStore, SqliteDialect, type SqliteServerStore } from './sqlite/sqlite-store.js';
