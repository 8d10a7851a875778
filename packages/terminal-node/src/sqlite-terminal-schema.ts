// Opens the terminal's SQLite file with the settings that keep every acknowledged write on disk, and
// creates or migrates its schema. The layout is compact on purpose: one catalog table for every
// catalog, rows as JSON, a barcode index without rowids (DESIGN.md §9: keep per-row overhead low).
import { ShelfsyncError } from '@shelfsync/protocol';
import Database from 'better-sqlite3';

export type SqliteDb = Database.Database;

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS catalog (
  tbl TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, row TEXT NOT NULL,
  PRIMARY KEY (tbl, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS barcodes (
  code TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL, packing TEXT NOT NULL,
  PRIMARY KEY (code, tbl, id, packing)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checksums (tbl TEXT PRIMARY KEY, sum INTEGER NOT NULL, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (n INTEGER PRIMARY KEY, doc_id TEXT, mutation TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS outbox_doc ON outbox (doc_id);
CREATE TABLE IF NOT EXISTS rejections (n INTEGER PRIMARY KEY, rejection TEXT NOT NULL);
`;

/** Opens (creating when missing) the database at `file`; ':memory:' works for tests. */
export function openSqliteDb(file: string): SqliteDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL survives a killed process but may lose the last commits on
  // power loss, and a handheld's battery runs out. A scan is only reported to the operator once its
  // fact and outbox entry are on disk; the cost is one fsync per commit, and a pull page is one commit.
  db.pragma('synchronous = FULL');
  // Short CLI processes may overlap (a sync still writing while a scan arrives): wait, do not fail.
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new ShelfsyncError(
      'TERMINAL_STORAGE_NEWER',
      `${file} was written by a newer Shelfsync (schema ${version}); update this terminal.`,
      { file, schema: version },
    );
  }
  if (version < SCHEMA_VERSION) {
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }
  return db;
}
