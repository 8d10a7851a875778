// Settings, the base id and the document types, written once for both dialects through Tx. `meta`
// holds the store's own values so they never collide with the server's settings keys.
import { randomUUID } from 'node:crypto';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import type { DocumentType } from '@shelfsync/protocol';
import type { Tx } from '../tx.js';

export async function getSetting(tx: Tx, key: string): Promise<string | undefined> {
  return (await tx.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value;
}

export async function setSetting(tx: Tx, key: string, value: string): Promise<void> {
  await tx.run(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [key, value],
  );
}

/** Creates the base id on first use; later calls (any instance, any time) keep the first one. */
export async function ensureBaseId(tx: Tx): Promise<string> {
  await tx.run("INSERT INTO meta (key, value) VALUES ('base_id', ?) ON CONFLICT (key) DO NOTHING", [
    randomUUID(),
  ]);
  return readBaseId(tx);
}

export async function readBaseId(tx: Tx): Promise<string> {
  const row = await tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'base_id'");
  if (!row) throw new Error('the store is not initialised: call init() first');
  return row.value;
}

/** The stored document types, or the shipped ones until an administrator stores any. */
export async function readDocumentTypes(tx: Tx): Promise<readonly DocumentType[]> {
  const row = await tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'document_types'");
  return row ? (JSON.parse(row.value) as DocumentType[]) : DEFAULT_DOCUMENT_TYPES;
}

export async function writeDocumentTypes(tx: Tx, types: readonly DocumentType[]): Promise<void> {
  await tx.run(
    `INSERT INTO meta (key, value) VALUES ('document_types', ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [JSON.stringify(types)],
  );
}
