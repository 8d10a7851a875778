import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { PG_TEST_URL, pgUnreachable } from '../testing/pg-test-database.js';
import { migratePg, PG_MIGRATIONS } from './pg-migrations.js';
import { openPgServerStore } from './pg-store.js';

const unreachable = await pgUnreachable();
const schema = `shelfsync_test_${randomBytes(6).toString('hex')}`;

afterAll(async () => {
  if (unreachable) return;
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

const row = {
  id: 'p1',
  name: 'Milk',
  barcodes: ['4600000000015'],
  packings: [{ id: 'box', name: 'Box', factor: 6, barcodes: ['14600000000012'] }],
};

/** A schema migrated up to the step before the barcode index, holding catalog rows. */
async function oldSchemaWithRows(): Promise<void> {
  const pool = new pg.Pool({ connectionString: PG_TEST_URL, options: `-c search_path=${schema}`, max: 1 });
  const client = await pool.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await migratePg(
      client,
      PG_MIGRATIONS.filter((m) => m.version < 6),
    );
    await client.query("INSERT INTO catalog_rows (tbl, id, seq, json) VALUES ('products', 'p1', 1, $1)", [
      JSON.stringify(row),
    ]);
    await client.query(
      "INSERT INTO catalog_rows (tbl, id, seq, deleted) VALUES ('products', 'gone', 2, true)",
    );
  } finally {
    client.release();
    await pool.end();
  }
}

describe.skipIf(unreachable !== null)('PostgreSQL barcode index migration', () => {
  test('the barcode index is filled from rows stored before the migration that adds it', async () => {
    await oldSchemaWithRows();
    const store = await openPgServerStore({ connectionString: PG_TEST_URL, schema });
    try {
      expect(await store.findByBarcode('4600000000015')).toEqual({ product: row });
      expect(await store.findByBarcode('14600000000012')).toEqual({ product: row, packingId: 'box' });
    } finally {
      await store.close();
    }
  });
});

if (unreachable) {
  describe('PostgreSQL barcode index migration', () => {
    test.skip(unreachable, () => {});
  });
}
