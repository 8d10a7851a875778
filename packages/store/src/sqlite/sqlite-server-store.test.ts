import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogRow } from '@shelfsync/protocol';
import { afterAll, expect, test } from 'vitest';
import { product, products } from '../testing/contract/fixtures.js';
import { describeServerStoreContract } from '../testing/server-store.contract.js';
import { openSqliteServerStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'shelfsync-store-'));
let files = 0;
const nextFile = () => join(dir, `store-${++files}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A file database is the real configuration (separate reader connection); in-memory is the test one.
describeServerStoreContract('SQLite file', () => openSqliteServerStore(nextFile()));
describeServerStoreContract('SQLite in memory', () => openSqliteServerStore(':memory:'));

test('with a file, reads are served from the last commit while an upload is open', async () => {
  const store = await openSqliteServerStore(nextFile());
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  try {
    await store.upsertCatalog('products', [product('old')], 'merge');
    async function* upload(): AsyncGenerator<CatalogRow> {
      yield* products(1500);
      await gate;
    }
    const uploading = store.upsertCatalog('products', upload(), 'merge');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const timeout = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 1000));
    const page = await Promise.race([store.pullCatalog(0, 10_000), timeout]);
    expect(page).not.toBe('blocked');
    expect(page !== 'blocked' && page.changes.map((c) => c.id)).toEqual(['old']);
    release();
    expect((await uploading).created).toBe(1500);
  } finally {
    release();
    await store.close();
  }
});

test('the base id survives closing and reopening the file', async () => {
  const file = nextFile();
  const first = await openSqliteServerStore(file);
  const id = await first.baseId();
  await first.close();
  const again = await openSqliteServerStore(file);
  expect(await again.baseId()).toBe(id);
  await again.close();
});

test('a merge upload, even one that fails, puts temp storage back on file for later writes', async () => {
  const store = await openSqliteServerStore(nextFile());
  const tempStore = () => store.db.writeConn((c) => c.db.pragma('temp_store', { simple: true }));
  async function* failing(): AsyncGenerator<CatalogRow> {
    yield* products(3);
    throw new Error('source failed');
  }
  try {
    await store.upsertCatalog('products', products(3), 'merge');
    await expect(store.upsertCatalog('products', failing(), 'merge')).rejects.toThrow('source failed');
    expect(await tempStore()).toBe(0);
    // A replace keeps its uploaded ids in a temp table on file, which the merges' toggling dropped.
    expect(await store.upsertCatalog('products', products(2), 'replace')).toMatchObject({ deleted: 1 });
    expect(await tempStore()).toBe(0);
  } finally {
    await store.close();
  }
});
