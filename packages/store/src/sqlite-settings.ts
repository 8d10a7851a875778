// Settings, the base id and the document types on SQLite. `meta` holds the store's own values so
// they never collide with the server's settings keys.
import { randomUUID } from 'node:crypto';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import type { DocumentType } from '@shelfsync/protocol';
import type { SqliteConnection } from './sqlite-connection.js';

export function getSetting(conn: SqliteConnection, key: string): string | undefined {
  return conn.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', key)?.value;
}

export function setSetting(conn: SqliteConnection, key: string, value: string): void {
  conn.run(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    key,
    value,
  );
}

/** Creates the base id on first use; later calls return the same one. */
export function ensureBaseId(conn: SqliteConnection): string {
  conn.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('base_id', ?)", randomUUID());
  return readBaseId(conn);
}

export function readBaseId(conn: SqliteConnection): string {
  const row = conn.get<{ value: string }>("SELECT value FROM meta WHERE key = 'base_id'");
  if (!row) throw new Error('the store is not initialised: call init() first');
  return row.value;
}

export function readDocumentTypes(conn: SqliteConnection): readonly DocumentType[] {
  const row = conn.get<{ value: string }>("SELECT value FROM meta WHERE key = 'document_types'");
  return row ? (JSON.parse(row.value) as DocumentType[]) : DEFAULT_DOCUMENT_TYPES;
}

export function writeDocumentTypes(conn: SqliteConnection, types: readonly DocumentType[]): void {
  conn.run(
    `INSERT INTO meta (key, value) VALUES ('document_types', ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    JSON.stringify(types),
  );
}
