// A push on PostgreSQL beyond the contract: a mutation whose SQL fails aborts the transaction there,
// so only its savepoint lets the mutations before it commit; and a savepoint rolled back gives up
// the stream reservation taken inside it (DESIGN.md §5.3), which the next number must take again.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { doc, NOW, numbered, product } from '../testing/contract/fixtures.js';
import { PG_TEST_URL, PgTestSchemas, pgUnreachable } from '../testing/pg-test-database.js';
import { openPgServerStore, PgDialect } from './pg-store.js';
import { safePoint } from './pg-tx.js';

const unreachable = await pgUnreachable();
const schemas = new PgTestSchemas();
afterAll(() => schemas.dropAll());

describe.skipIf(unreachable !== null)('PostgreSQL push', () => {
  test('a mutation failing in SQL undoes only itself; the ones before it commit', async () => {
    const store = await schemas.open();
    let release = () => {};
    try {
      await store.upsertCatalog('products', [product('p1')], 'merge');
      await store.putDocuments([doc('d1')], NOW);
      // Another writer inserts document X and holds its transaction open.
      let insertedBy = (_pid: number) => {};
      const inserted = new Promise<number>((resolve) => {
        insertedBy = resolve;
      });
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holder = store.db.write(async (tx) => {
        await tx.run(
          `INSERT INTO documents (id, type, status, rev, origin, header, created_at, updated_at)
           VALUES ('X', 'inventory', 'new', nextval('doc_rev'), 'accounting', '{}', $1, $1)`,
          [NOW],
        );
        insertedBy(Number((await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))?.pid));
        await held;
      });
      const holderPid = await inserted;
      // The push does not see X yet, so it creates it and waits on the other writer's key.
      const pushed = store
        .applyMutations(
          'A',
          numbered(1, [
            { kind: 'doc.start', docId: 'd1' },
            { kind: 'doc.create', doc: { id: 'X', type: 'inventory', lines: [] } },
          ]),
          NOW,
        )
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      await untilBlockedBy(holderPid);
      release();
      await holder;
      expect(await pushed).toMatchObject({ code: '23505' });
      expect(await store.lastMutation('A')).toBe(1);
      expect(await store.getDocument('d1')).toMatchObject({ status: 'in_progress', deviceId: 'A' });
      expect(await store.getDocument('X')).toMatchObject({ origin: 'accounting', status: 'new' });
      const retried = await store.applyMutations(
        'A',
        numbered(2, [{ kind: 'doc.create', doc: { id: 'X', type: 'inventory', lines: [] } }]),
        NOW,
      );
      expect(retried.results).toMatchObject([{ n: 2, status: 'rejected', error: { code: 'DOC_LOCKED' } }]);
    } finally {
      release();
      await store.close();
    }
  });

  test('after a rolled-back savepoint, the next number of a stream is reserved again', async () => {
    const schema = `shelfsync_test_${randomBytes(6).toString('hex')}`;
    await (await openPgServerStore({ connectionString: PG_TEST_URL, schema })).close();
    const db = new PgDialect({ connectionString: PG_TEST_URL, schema });
    try {
      await db.write(async (tx) => {
        await expect(
          tx.savepoint(async () => {
            await tx.next('doc_rev');
            throw new Error('undone');
          }),
        ).rejects.toThrow('undone');
        const rev = await tx.next('doc_rev');
        const reader = await db.pool.connect();
        try {
          expect(await safePoint(reader, db.tags, 'doc_rev')).toBeLessThan(rev);
        } finally {
          reader.release();
        }
      });
    } finally {
      await db.pool.end();
      const client = new pg.Client({ connectionString: PG_TEST_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});

/** Waits until some session waits on a lock held by backend `pid`. */
async function untilBlockedBy(pid: number): Promise<void> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    for (let i = 0; i < 500; i++) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
        [pid],
      );
      if ((rows[0]?.n ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`nothing waited on backend ${pid}`);
  } finally {
    await client.end();
  }
}
