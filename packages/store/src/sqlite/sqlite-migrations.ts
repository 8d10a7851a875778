// The SQLite schema (migrations.ts has the steps) and its migration runner: each step in its own
// transaction, re-checked inside it, so several processes opening one file migrate it once.
import { type Migration, migrationSteps } from '../migrations.js';
import type { SqliteConnection } from './sqlite-connection.js';

export type { Migration } from '../migrations.js';

/** A barcode index row per barcode of NEW (and of its packings), as the triggers below write it. */
const BARCODES_OF_NEW = `
  INSERT OR IGNORE INTO catalog_barcodes (code, tbl, id, packing_id)
    SELECT b.value, NEW.tbl, NEW.id, '' FROM json_each(NEW.json, '$.barcodes') AS b
      WHERE NEW.deleted = 0 AND b.type = 'text'
    UNION ALL
    SELECT b.value, NEW.tbl, NEW.id, json_extract(p.value, '$.id')
      FROM json_each(NEW.json, '$.packings') AS p, json_each(p.value, '$.barcodes') AS b
      WHERE NEW.deleted = 0 AND b.type = 'text' AND json_extract(p.value, '$.id') IS NOT NULL;`;

export const SQLITE_MIGRATIONS: readonly Migration[] = migrationSteps({
  dialect: 'sqlite',
  text: 'TEXT',
  int: 'INTEGER',
  bigint: 'INTEGER',
  real: 'REAL',
  blob: 'BLOB',
  bool: 'INTEGER',
  false: '0',
  catalogId: 'TEXT',
  live: 'deleted = 0',
  serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  keyed: ' WITHOUT ROWID',
  own: {
    name1: 'settings and catalog change log',
    1: `
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO counters (name, value) VALUES ('catalog_seq', 0), ('catalog_horizon', 0);
      -- Running per-table checksums (protocol checksum.ts), kept up to date by every write.
      CREATE TABLE catalog_checksums (tbl TEXT PRIMARY KEY, sum INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO catalog_checksums (tbl, sum)
        VALUES ('products', 0), ('cells', 0), ('warehouses', 0), ('users', 0);`,
    2: `
      INSERT INTO counters (name, value) VALUES ('doc_rev', 0), ('completion_seq', 0);
      -- rowid keeps arrival order; (doc_id, id) makes a re-sent fact a no-op.
      CREATE TABLE fact_lines (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        json TEXT NOT NULL,
        UNIQUE (doc_id, id)
      );
      CREATE INDEX device_documents_doc ON device_documents (doc_id);`,
    // The barcode index behind hybrid lookup, kept by triggers so every catalog write path maintains
    // it in its own transaction, and filled from the rows stored before.
    6: `
      CREATE TABLE catalog_barcodes (
        code TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL, packing_id TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (code, tbl, id, packing_id)
      ) WITHOUT ROWID;
      CREATE INDEX catalog_barcodes_row ON catalog_barcodes (tbl, id);
      CREATE TRIGGER catalog_barcodes_insert AFTER INSERT ON catalog_rows
        WHEN NEW.tbl IN ('products', 'cells')
      BEGIN ${BARCODES_OF_NEW}
      END;
      CREATE TRIGGER catalog_barcodes_update AFTER UPDATE ON catalog_rows
        WHEN NEW.tbl IN ('products', 'cells')
      BEGIN
        DELETE FROM catalog_barcodes WHERE tbl = OLD.tbl AND id = OLD.id; ${BARCODES_OF_NEW}
      END;
      CREATE TRIGGER catalog_barcodes_delete AFTER DELETE ON catalog_rows
      BEGIN
        DELETE FROM catalog_barcodes WHERE tbl = OLD.tbl AND id = OLD.id;
      END;
      INSERT OR IGNORE INTO catalog_barcodes (code, tbl, id, packing_id)
        SELECT b.value, r.tbl, r.id, '' FROM catalog_rows AS r, json_each(r.json, '$.barcodes') AS b
          WHERE r.deleted = 0 AND r.tbl IN ('products', 'cells') AND b.type = 'text'
        UNION ALL
        SELECT b.value, r.tbl, r.id, json_extract(p.value, '$.id')
          FROM catalog_rows AS r, json_each(r.json, '$.packings') AS p, json_each(p.value, '$.barcodes') AS b
          WHERE r.deleted = 0 AND r.tbl = 'products' AND b.type = 'text' AND json_extract(p.value, '$.id') IS NOT NULL;`,
  },
});

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
