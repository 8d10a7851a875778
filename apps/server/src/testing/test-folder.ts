// Test setup for the exchange folder: a temp folder and a real SQLite store on a file (a file, not
// ':memory:', because reads during an open import go through the store's second connection).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteServerStore, type ServerStore } from '@shelfsync/store';

export interface TestFolder {
  dir: string;
  store: ServerStore;
  /** Sorted names in a subfolder of the exchange folder, recursively ('' when absent). */
  list(sub: string): Promise<string[]>;
  close(): Promise<void>;
}

export const NOW = new Date('2026-11-25T10:00:00.000Z');

export async function openTestFolder(): Promise<TestFolder> {
  const root = await mkdtemp(path.join(tmpdir(), 'shelfsync-exchange-'));
  const store = await openSqliteServerStore(path.join(root, 'base.db'));
  const dir = path.join(root, 'exchange');
  return {
    dir,
    store,
    list: async (sub) => {
      try {
        return (await readdir(path.join(dir, sub), { recursive: true })).sort();
      } catch {
        return [];
      }
    },
    close: async () => {
      await store.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
