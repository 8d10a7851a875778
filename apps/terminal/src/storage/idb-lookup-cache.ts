// The online-lookup cache of IdbTerminalStore (hybrid lookup): answers the base gave for scanned
// codes, one record per code, apart from the replicated catalog and its checksums.
import { LOOKUP_CACHE_LIMIT, type LookupCacheEntry } from '@shelfsync/terminal-core';
import { committed, done } from './idb-request.js';

const NEXT_LOOKUP = 'lookups:next';

interface CachedLookup {
  json: string;
  /** Store order, for dropping the oldest beyond LOOKUP_CACHE_LIMIT. */
  n: number;
}

export function createLookupStore(db: IDBDatabase): void {
  if (!db.objectStoreNames.contains('lookups')) db.createObjectStore('lookups').createIndex('age', 'n');
}

export async function cacheLookup(db: IDBDatabase, code: string, entry: LookupCacheEntry): Promise<void> {
  const json = JSON.stringify(entry);
  const tx = db.transaction(['lookups', 'meta'], 'readwrite');
  const lookups = tx.objectStore('lookups');
  const n = ((await done(tx.objectStore('meta').get(NEXT_LOOKUP))) as number | undefined) ?? 1;
  tx.objectStore('meta').put(n + 1, NEXT_LOOKUP);
  lookups.put({ json, n } satisfies CachedLookup, code);
  let excess = (await done(lookups.count())) - LOOKUP_CACHE_LIMIT;
  if (excess > 0) {
    // Oldest first: `n` grows with every store, and replacing an entry renews it.
    const cursor = lookups.index('age').openCursor();
    await new Promise<void>((resolve, reject) => {
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        if (!cursor.result || excess-- <= 0) return resolve();
        cursor.result.delete();
        cursor.result.continue();
      };
    });
  }
  await committed(tx);
}

export async function cachedLookup(db: IDBDatabase, code: string): Promise<LookupCacheEntry | undefined> {
  const store = db.transaction(['lookups'], 'readonly').objectStore('lookups');
  const cached = (await done(store.get(code))) as CachedLookup | undefined;
  return cached === undefined ? undefined : (JSON.parse(cached.json) as LookupCacheEntry);
}

export async function dropCachedLookup(db: IDBDatabase, code: string): Promise<void> {
  const tx = db.transaction(['lookups'], 'readwrite');
  tx.objectStore('lookups').delete(code);
  await committed(tx);
}
