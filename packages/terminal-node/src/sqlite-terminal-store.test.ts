import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeTerminalStoreContract } from '@shelfsync/terminal-core/testing';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { openSqliteDb } from './sqlite-terminal-schema.js';
import { openSqliteTerminalStore, SqliteTerminalStore } from './sqlite-terminal-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'shelfsync-terminal-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeTerminalStoreContract(
  'sqlite',
  async () => {
    n += 1;
    return openSqliteTerminalStore(path.join(dir, `t${n}.db`));
  },
  {
    reopen: async (store) => {
      await store.close();
      return openSqliteTerminalStore(path.join(dir, `t${n}.db`));
    },
  },
);

test('terminal writes use synchronous=FULL; only pull pages relax it, and it comes back', async () => {
  const db = openSqliteDb(path.join(dir, 'pragma.db'));
  const store = new SqliteTerminalStore(db);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  await store.applyPullPage({ changes: [], catalogCursor: 1, documents: [], revoked: [], docCursor: 0 });
  const failing = store.applyPullPage({
    changes: [{ op: 'put', table: 'products', id: 'x', seq: 2, row: { id: 'x', name: 1n } }],
    catalogCursor: 2,
    documents: [],
    revoked: [],
    docCursor: 0,
  });
  await expect(failing).rejects.toThrow();
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  expect(await store.getCursors()).toEqual({ catalog: 1, documents: 0 });
  await store.close();
});

test('a write SQLite refuses is TERMINAL_STORAGE, which the operator can act on', async () => {
  const file = path.join(dir, 'readonly.db');
  openSqliteDb(file).close();
  const store = new SqliteTerminalStore(new Database(file, { readonly: true }));
  const attempt = store.setMeta('lastSync', { at: 'x', pushed: 0, pulledChanges: 0, pulledDocuments: 0 });
  await expect(attempt).rejects.toMatchObject({
    code: 'TERMINAL_STORAGE',
    details: { sqlite: 'SQLITE_READONLY' },
  });
  await store.close();
});

test('a state file written by a newer Shelfsync is refused as TERMINAL_STORAGE_NEWER, untouched', () => {
  const file = path.join(dir, 'newer.db');
  const newer = new Database(file);
  newer.pragma('user_version = 999');
  newer.close();
  expect(() => openSqliteDb(file)).toThrow(expect.objectContaining({ code: 'TERMINAL_STORAGE_NEWER' }));
  const after = new Database(file, { readonly: true });
  expect(after.pragma('user_version', { simple: true })).toBe(999);
  after.close();
});
