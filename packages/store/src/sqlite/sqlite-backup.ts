// A consistent copy of a SQLite store file through SQLite's online backup API: safe while a server
// writes the file (the copy is one snapshot, WAL content included). `shelfsync import --dry-run`
// imports into such a copy and throws it away.
import Database from 'better-sqlite3';

/** Copies the store at `source` to `target` (a new file); `source` is only read. */
export async function backupSqliteStore(source: string, target: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
}
