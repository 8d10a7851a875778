// @shelfsync/store: the server storage port and its adapters. The contract suite (which imports
// vitest) is exported separately as `@shelfsync/store/contract`.

export { canonicalJson } from './config-snapshot.js';
export { openPgServerStore, PgServerStore, type PgStoreOptions } from './pg-server-store.js';
export * from './server-store.js';
export { openSqliteServerStore, SqliteServerStore } from './sqlite-server-store.js';
