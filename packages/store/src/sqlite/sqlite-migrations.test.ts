import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SqliteConnection } from './sqlite-connection.js';
import { migrateSqlite, SQLITE_MIGRATIONS, schemaVersion } from './sqlite-migrations.js';
import { openSqliteServerStore } from './sqlite-store.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shelfsync-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const latest = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));

test('migration versions are unique and ascending', () => {
  const versions = SQLITE_MIGRATIONS.map((m) => m.version);
  expect(versions).toEqual([...versions].sort((a, b) => a - b));
  expect(new Set(versions).size).toBe(versions.length);
});

test('re-opening a store applies nothing and keeps its data and base id', async () => {
  const file = join(dir, 'base.db');
  const first = await openSqliteServerStore(file);
  const baseId = await first.baseId();
  await first.setSetting('base.name', 'Main');
  await first.close();

  const conn = new SqliteConnection(file);
  expect(migrateSqlite(conn)).toEqual([]);
  expect(schemaVersion(conn)).toBe(latest);
  conn.close();

  const again = await openSqliteServerStore(file);
  expect(await again.baseId()).toBe(baseId);
  expect(await again.getSetting('base.name')).toBe('Main');
  await again.close();
});

test('a database at an older version is migrated forward with its data intact', async () => {
  const file = join(dir, 'old.db');
  const old = new SqliteConnection(file);
  expect(migrateSqlite(old, SQLITE_MIGRATIONS.slice(0, 1))).toEqual([1]);
  old.run(
    "INSERT INTO catalog_rows (tbl, id, seq, json) VALUES ('products', 'p1', 1, ?)",
    '{"id":"p1","name":"A"}',
  );
  old.run("UPDATE counters SET value = 1 WHERE name = 'catalog_seq'");
  old.close();

  const store = await openSqliteServerStore(file);
  const page = await store.pullCatalog(0, 10);
  expect(page.changes.map((c) => c.id)).toEqual(['p1']);
  const put = await store.putDocuments(
    [{ id: 'd1', type: 'receipt', origin: 'accounting', lines: [{ id: 'l1', productId: 'p1', qty: 1 }] }],
    '2026-11-25T10:00:00.000Z',
  );
  expect(put.created).toBe(1);
  await store.close();

  const check = new SqliteConnection(file);
  expect(schemaVersion(check)).toBe(latest);
  expect(check.all('SELECT version FROM migrations ORDER BY version').length).toBe(SQLITE_MIGRATIONS.length);
  check.close();
});

test('the file store runs in WAL mode with foreign keys enforced', async () => {
  const file = join(dir, 'wal.db');
  const store = await openSqliteServerStore(file);
  const orphanLine = store.db.writeConn((c) =>
    c.run("INSERT INTO plan_lines (doc_id, pos, json) VALUES ('nope', 0, '{}')"),
  );
  await expect(orphanLine).rejects.toThrow(/FOREIGN KEY/);
  await store.close();
  const raw = new Database(file, { readonly: true });
  expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  raw.close();
});

test('a base from before mutation retention gets the index and prunes its old records', async () => {
  const file = join(dir, 'v6.db');
  const old = new SqliteConnection(file);
  expect(
    migrateSqlite(
      old,
      SQLITE_MIGRATIONS.filter((m) => m.version <= 6),
    ),
  ).toEqual([1, 2, 3, 4, 5, 6]);
  old.run("INSERT INTO device_cursors (device_id, last_mutation) VALUES ('A', 3)");
  for (const n of [1, 2, 3]) {
    old.run(
      "INSERT INTO device_mutations (device_id, n, kind, status, applied_at) VALUES ('A', ?, 'doc.start', 'applied', ?)",
      n,
      '2026-01-10T08:00:00.000Z',
    );
  }
  old.close();

  const store = await openSqliteServerStore(file);
  try {
    expect(await store.pruneMutations('2026-02-01T00:00:00.000Z', 1)).toBe(2);
    expect(await store.lastMutation('A')).toBe(3);
    const index = await store.db.writeConn((c) =>
      c.get("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'device_mutations_applied_at'"),
    );
    expect(index).toBeDefined();
  } finally {
    await store.close();
  }
});
