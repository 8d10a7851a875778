// Paging must cost O(page), not O(table): every pull walks an index from the cursor.
import { expect, test } from 'vitest';
import { pullSql } from '../catalog/catalog.js';
import { pullDocumentsParams, pullDocumentsSql } from '../documents/document-pull.js';
import { listedSql } from '../documents/documents.js';
import { claimByBarcodeSql } from '../leases/leases.js';
import { PRUNE_MUTATIONS_SQL } from '../mutations/mutation-retention.js';
import type { Tx } from '../tx.js';
import { openSqliteServerStore } from './sqlite-store.js';
import { SqliteTx } from './sqlite-tx.js';

/** `sql` may be written for a Tx (rule modules that take dialect fragments from it). */
async function plan(
  sql: string | ((tx: Tx) => string),
  params: unknown[] | Record<string, unknown>,
): Promise<string[]> {
  const store = await openSqliteServerStore(':memory:');
  try {
    return await store.db.writeConn((c) => {
      const text = typeof sql === 'string' ? sql : sql(new SqliteTx(c));
      return (c.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as { detail: string }[]).map(
        (r) => r.detail,
      );
    });
  } finally {
    await store.close();
  }
}

test('catalog pulls search an index on seq', async () => {
  expect(await plan(pullSql('sqlite', true), [5, 90, 10])).toEqual([
    expect.stringMatching(/SEARCH .*catalog_rows_live_seq/),
  ]);
  expect(await plan(pullSql('sqlite', false), [5, 90, 10])).toEqual([
    expect.stringMatching(/SEARCH .*catalog_rows_seq/),
  ]);
});

test('the completed list and document pulls search by their cursor column', async () => {
  expect((await plan(listedSql('completed'), [3, 9, 10])).join('\n')).toMatch(
    /SEARCH d USING INDEX documents_completed/,
  );
  const store = await openSqliteServerStore(':memory:');
  const [PULL_DOCUMENTS_SQL, params] = await store.db.writeConn((c) => {
    const tx = new SqliteTx(c);
    const q = { deviceId: 'A', after: 0, safe: 9, sharedTypes: new Set<string>(), limit: 10 };
    return [pullDocumentsSql(tx), pullDocumentsParams(tx, q)] as const;
  });
  await store.close();
  const pull = (await plan(PULL_DOCUMENTS_SQL.changes, params)).join('\n');
  expect(pull).toMatch(/SEARCH d USING INDEX documents_rev/);
  expect(pull).not.toMatch(/SCAN d\b/);
  const first = (await plan(PULL_DOCUMENTS_SQL.firstLoad, params)).join('\n');
  expect(first).toMatch(/SEARCH d USING INDEX documents_open_rev/);
});

test('pruning mutations walks the applied_at index and reaches cursors and rows by key', async () => {
  const steps = (await plan(PRUNE_MUTATIONS_SQL, ['2026-01-01T00:00:00.000Z', 1000, 10_000])).join('\n');
  expect(steps).toMatch(/SEARCH m USING (COVERING )?INDEX device_mutations_applied_at \(applied_at<\?\)/);
  expect(steps).toMatch(/SEARCH c USING PRIMARY KEY/);
  expect(steps).not.toMatch(/SCAN (m|c|device_mutations)\b/);
});

test('a claim by barcode searches the open documents by their barcode', async () => {
  expect((await plan(claimByBarcodeSql, ['PAL-1'])).join('\n')).toMatch(
    /SEARCH d USING INDEX documents_open_barcode/,
  );
});
