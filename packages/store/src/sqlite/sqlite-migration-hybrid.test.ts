import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SqliteConnection } from './sqlite-connection.js';
import { migrateSqlite, SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { openSqliteServerStore } from './sqlite-store.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shelfsync-hybrid-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('the barcode index is filled from rows stored before the migration that adds it', async () => {
  const file = join(dir, 'old.db');
  const old = new SqliteConnection(file);
  migrateSqlite(
    old,
    SQLITE_MIGRATIONS.filter((m) => m.version < 6),
  );
  const row = {
    id: 'p1',
    name: 'Milk',
    barcodes: ['4600000000015'],
    packings: [{ id: 'box', name: 'Box', factor: 6, barcodes: ['14600000000012'] }],
  };
  old.run(
    "INSERT INTO catalog_rows (tbl, id, seq, json) VALUES ('products', 'p1', 1, ?)",
    JSON.stringify(row),
  );
  old.run("INSERT INTO catalog_rows (tbl, id, seq, deleted, json) VALUES ('products', 'gone', 2, 1, NULL)");
  old.run(
    "INSERT INTO catalog_rows (tbl, id, seq, json) VALUES ('cells', 'c1', 3, ?)",
    JSON.stringify({ id: 'c1', name: 'A-01', barcodes: ['CELL-A01'] }),
  );
  old.close();

  const store = await openSqliteServerStore(file);
  expect(await store.findByBarcode('4600000000015')).toEqual({ product: row });
  expect(await store.findByBarcode('14600000000012')).toEqual({ product: row, packingId: 'box' });
  expect(await store.findByBarcode('CELL-A01')).toMatchObject({ cell: { id: 'c1' } });
  await store.close();
});
