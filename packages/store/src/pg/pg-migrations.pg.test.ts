import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { PG_TEST_URL, pgUnreachable } from '../testing/pg-test-database.js';
import { migratePg, PG_MIGRATIONS } from './pg-migrations.js';
import { openPgServerStore } from './pg-store.js';

const unreachable = await pgUnreachable();
const created: string[] = [];

async function withSchema<T>(fn: (client: pg.PoolClient, schema: string) => Promise<T>): Promise<T> {
  const schema = `shelfsync_test_${randomBytes(6).toString('hex')}`;
  created.push(schema);
  const pool = new pg.Pool({ connectionString: PG_TEST_URL, options: `-c search_path=${schema}`, max: 1 });
  const client = await pool.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    return await fn(client, schema);
  } finally {
    client.release();
    await pool.end();
  }
}

afterAll(async () => {
  if (unreachable) return;
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  for (const schema of created) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

describe.skipIf(unreachable !== null)('PostgreSQL migrations', () => {
  test('a second run applies nothing', async () => {
    await withSchema(async (client) => {
      expect(await migratePg(client)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect(await migratePg(client)).toEqual([]);
    });
  });

  test('a schema at an older version is migrated forward with its data intact', async () => {
    const schema = await withSchema(async (client, name) => {
      expect(await migratePg(client, PG_MIGRATIONS.slice(0, 1))).toEqual([1]);
      await client.query("INSERT INTO settings (key, value) VALUES ('base.name', 'Old base')");
      return name;
    });
    const store = await openPgServerStore({ connectionString: PG_TEST_URL, schema });
    try {
      expect(await store.getSetting('base.name')).toBe('Old base');
      await store.upsertCatalog('products', [{ id: 'p1', name: 'A', barcodes: [], packings: [] }], 'merge');
      const put = await store.putDocuments(
        [{ id: 'd1', type: 'receipt', origin: 'accounting', lines: [{ id: 'l1', productId: 'p1', qty: 1 }] }],
        '2026-11-25T10:00:00.000Z',
      );
      expect(put.created).toBe(1);
    } finally {
      await store.close();
    }
  });

  test('a base from before mutation retention gets the index and prunes its old records', async () => {
    const schema = await withSchema(async (client, name) => {
      const before = PG_MIGRATIONS.filter((m) => m.version <= 6);
      expect(await migratePg(client, before)).toEqual([1, 2, 3, 4, 5, 6]);
      await client.query("INSERT INTO device_cursors (device_id, last_mutation) VALUES ('A', 3)");
      await client.query(
        `INSERT INTO device_mutations (device_id, n, kind, status, applied_at)
         SELECT 'A', n, 'doc.start', 'applied', '2026-01-10T08:00:00.000Z' FROM generate_series(1, 3) AS n`,
      );
      return name;
    });
    const store = await openPgServerStore({ connectionString: PG_TEST_URL, schema });
    try {
      expect(await store.pruneMutations('2026-02-01T00:00:00.000Z', 1)).toBe(2);
      expect(await store.lastMutation('A')).toBe(3);
      const index = await store.db.read((tx) =>
        tx.get(
          "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'device_mutations_applied_at'",
        ),
      );
      expect(index).toBeDefined();
    } finally {
      await store.close();
    }
  });
});

if (unreachable) {
  describe('PostgreSQL migrations', () => {
    test.skip(unreachable, () => {});
  });
}
