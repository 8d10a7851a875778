// The SQLite schema as an ordered list of steps. A step never changes once released: new needs get
// a new step. Each step runs in its own transaction and is recorded in `migrations`.
import { documentTables, SQLITE_TYPES } from '../schema-tables.js';
import type { SqliteConnection } from './sqlite-connection.js';
import { SQLITE_HYBRID_AND_APPS } from './sqlite-migration-hybrid.js';
import { SQLITE_LEASES_AND_OPERATORS } from './sqlite-migration-leases.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings and catalog change log',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO counters (name, value) VALUES ('catalog_seq', 0), ('catalog_horizon', 0);
      -- Current version of every catalog row; a deleted row stays as a tombstone (json NULL).
      CREATE TABLE catalog_rows (
        tbl TEXT NOT NULL,
        id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        json TEXT,
        PRIMARY KEY (tbl, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX catalog_rows_seq ON catalog_rows (seq);
      CREATE INDEX catalog_rows_live_seq ON catalog_rows (seq) WHERE deleted = 0;
      -- Running per-table checksums (protocol checksum.ts), kept up to date by every write.
      CREATE TABLE catalog_checksums (tbl TEXT PRIMARY KEY, sum INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO catalog_checksums (tbl, sum)
        VALUES ('products', 0), ('cells', 0), ('warehouses', 0), ('users', 0);
    `,
  },
  {
    version: 2,
    name: 'documents',
    sql: `
      INSERT INTO counters (name, value) VALUES ('doc_rev', 0), ('completion_seq', 0);
      ${documentTables(SQLITE_TYPES)}
      -- rowid keeps arrival order; (doc_id, id) makes a re-sent fact a no-op.
      CREATE TABLE fact_lines (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        json TEXT NOT NULL,
        UNIQUE (doc_id, id)
      );
      -- Which documents each device was sent, so later pulls can tell it to drop them.
      CREATE TABLE device_documents (
        device_id TEXT NOT NULL,
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        PRIMARY KEY (device_id, doc_id)
      ) WITHOUT ROWID;
      CREATE INDEX device_documents_doc ON device_documents (doc_id);
    `,
  },
  {
    version: 3,
    name: 'devices, enrollment and mutations',
    sql: `
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        platform TEXT,
        token_hash TEXT NOT NULL UNIQUE,
        enrolled_at TEXT NOT NULL,
        last_seen_at TEXT,
        app_version TEXT,
        protocol_version INTEGER,
        backlog INTEGER,
        storage_used REAL,
        storage_free REAL,
        revoked INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE enrollments (
        code_hash TEXT PRIMARY KEY,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        used_at TEXT,
        device_id TEXT
      ) WITHOUT ROWID;
      -- Kept apart from devices so a push never depends on the registry row (bundles, tests).
      CREATE TABLE device_cursors (device_id TEXT PRIMARY KEY, last_mutation INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE device_mutations (
        device_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        error_code TEXT,
        error_message TEXT,
        applied_at TEXT NOT NULL,
        PRIMARY KEY (device_id, n)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'open documents index for first loads',
    sql: `
      CREATE INDEX documents_open_rev ON documents (rev)
        WHERE status IN ('new', 'taken', 'in_progress', 'released');
    `,
  },
  {
    version: 5,
    name: 'leases, takeovers, cancelled reports and operators',
    sql: SQLITE_LEASES_AND_OPERATORS,
  },
  {
    version: 6,
    name: 'barcode index, stock by cell, app versions and device groups',
    sql: SQLITE_HYBRID_AND_APPS,
  },
  {
    version: 7,
    name: 'device mutations by age, for retention',
    // Lets pruning (mutation-retention.ts) walk only the old records instead of the whole table.
    sql: 'CREATE INDEX device_mutations_applied_at ON device_mutations (applied_at);',
  },
];

/** Applies the steps newer than the database's version; returns the versions applied. */
export function migrateSqlite(
  conn: SqliteConnection,
  steps: readonly Migration[] = SQLITE_MIGRATIONS,
): number[] {
  const db = conn.db;
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL
  )`);
  const applied: number[] = [];
  for (const step of steps) {
    // Re-read inside the transaction: another process may have migrated meanwhile.
    const apply = db.transaction(() => {
      const done = db.prepare('SELECT 1 FROM migrations WHERE version = ?').get(step.version);
      if (done) return false;
      db.exec(step.sql);
      db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        step.version,
        step.name,
        new Date().toISOString(),
      );
      return true;
    });
    if (apply.immediate()) applied.push(step.version);
  }
  return applied;
}

export function schemaVersion(conn: SqliteConnection): number {
  const row = conn.db.prepare('SELECT max(version) AS v FROM migrations').get() as { v: number | null };
  return row.v ?? 0;
}
