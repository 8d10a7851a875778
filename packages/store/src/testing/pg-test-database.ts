// Test support for *.pg.test.ts: a PostgreSQL at SHELFSYNC_PG_URL (or the local default), one fresh
// schema per store, all dropped at the end. Tests skip, saying why, when the server is unreachable.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPgServerStore, type PgServerStore } from '../pg/pg-store.js';

export const PG_TEST_URL = process.env['SHELFSYNC_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Null when reachable, otherwise the reason (for the skip message). */
export async function pgUnreachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL unreachable at ${PG_TEST_URL} (${(error as Error).message}); skipping PostgreSQL tests`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export class PgTestSchemas {
  readonly #schemas: string[] = [];

  async open(options: { maxConnections?: number } = {}): Promise<PgServerStore> {
    const schema = `shelfsync_test_${randomBytes(6).toString('hex')}`;
    this.#schemas.push(schema);
    return openPgServerStore({ connectionString: PG_TEST_URL, schema, ...options });
  }

  async dropAll(): Promise<void> {
    if (this.#schemas.length === 0) return;
    const client = new pg.Client({ connectionString: PG_TEST_URL });
    await client.connect();
    try {
      for (const schema of this.#schemas.splice(0))
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  }
}
