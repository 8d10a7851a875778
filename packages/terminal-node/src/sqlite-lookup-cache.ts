// The terminal's online-lookup cache on SQLite: its own table, never part of the catalog replica.
// Created here with IF NOT EXISTS rather than by a schema version bump, so files written before it
// existed simply gain the table and older builds opening a newer file ignore it. A read-only file
// (diagnostics) gets no table: reads find nothing and writes fail like any other write.
import { LOOKUP_CACHE_LIMIT, type LookupCacheEntry } from '@shelfsync/terminal-core';
import type { SqliteDb } from './sqlite-terminal-schema.js';

const CREATE = `CREATE TABLE IF NOT EXISTS lookup_cache (
    code TEXT PRIMARY KEY, entry TEXT NOT NULL, n INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS lookup_cache_n ON lookup_cache (n);`;

export class SqliteLookupCache {
  private readonly present: boolean;

  constructor(private readonly db: SqliteDb) {
    if (!db.readonly) db.exec(CREATE);
    this.present = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'lookup_cache'").get() !== undefined;
  }

  /** Call inside the store's write transaction. */
  put(code: string, entry: LookupCacheEntry): void {
    this.db
      .prepare<[string, string]>(
        `INSERT OR REPLACE INTO lookup_cache (code, entry, n)
         VALUES (?, ?, (SELECT coalesce(max(n), 0) + 1 FROM lookup_cache))`,
      )
      .run(code, JSON.stringify(entry));
    this.db
      .prepare<[number]>('DELETE FROM lookup_cache WHERE n <= (SELECT max(n) FROM lookup_cache) - ?')
      .run(LOOKUP_CACHE_LIMIT);
  }

  get(code: string): LookupCacheEntry | undefined {
    if (!this.present) return undefined;
    const row = this.db
      .prepare<[string], { entry: string }>('SELECT entry FROM lookup_cache WHERE code = ?')
      .get(code);
    return row ? (JSON.parse(row.entry) as LookupCacheEntry) : undefined;
  }

  /** Call inside the store's write transaction. */
  delete(code: string): void {
    if (this.present) this.db.prepare<[string]>('DELETE FROM lookup_cache WHERE code = ?').run(code);
  }

  /** Call inside the store's write transaction. */
  clear(): void {
    if (this.present) this.db.exec('DELETE FROM lookup_cache');
  }
}
