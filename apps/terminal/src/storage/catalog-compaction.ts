// Merges the per-page fragments of the chunked catalog into its fine buckets, and keeps per-bucket
// row counts and checksums on the way: merging is the one moment the live versions of the ids in a
// bucket are at hand, so counts and checksums cost little extra there.
import { addChecksum, rowChecksum, subtractChecksum } from '@shelfsync/protocol';
import { FINE, FRAGMENT, KIND_CODE, KIND_ID, readTableMeta, tableMetaKey, under } from './chunked-catalog.js';
import { committed, done } from './idb-request.js';
import {
  applyFragment,
  bucketOf,
  COARSE_BITS,
  parseBucket,
  serializeBucket,
  unescapeKey,
} from './key-buckets.js';

interface BucketStats {
  count: number;
  sum: number;
}

const statsKey = (table: string, coarse: number): string => `stats:${table}:${coarse}`;

/** Count and checksum of the ids in one merged id bucket. */
function statsOf(entries: Map<string, number[]>): BucketStats {
  const stats: BucketStats = { count: 0, sum: 0 };
  for (const [id, [, seq]] of entries) {
    stats.count++;
    stats.sum = addChecksum(stats.sum, rowChecksum(unescapeKey(id), seq ?? 0));
  }
  return stats;
}

/** Fragment lines regrouped by the fine bucket their key belongs to, oldest first. */
function splitByFine(fragments: readonly string[]): Map<number, string> {
  const byFine = new Map<number, string>();
  for (const fragment of fragments) {
    for (const line of fragment.split('\n')) {
      if (!line) continue;
      const { fine } = bucketOf(unescapeKey(line.slice(0, line.indexOf('\t'))));
      byFine.set(fine, `${byFine.get(fine) ?? ''}\n${line}`);
    }
  }
  return byFine;
}

/**
 * The named fine buckets under `prefix`: one get each for a few (a delta), one range read when a
 * page touched most of them (a first load), since a get costs about as much as a short range read.
 */
async function readFine(
  keys: IDBObjectStore,
  prefix: IDBValidKey[],
  fines: number[],
): Promise<Map<number, string | undefined>> {
  if (fines.length <= 16) {
    const values = await Promise.all(
      fines.map((f) => done(keys.get([...prefix, f])) as Promise<string | undefined>),
    );
    return new Map(fines.map((f, i) => [f, values[i]]));
  }
  const range = under(prefix);
  const [found, values] = await Promise.all([done(keys.getAllKeys(range)), done(keys.getAll(range))]);
  return new Map(found.map((k, i) => [(k as number[])[4]!, values[i] as string]));
}

/**
 * Merges one coarse bucket of one kind inside the caller's transaction, reading and rewriting only
 * the fine buckets its fragments touch, so merging a small delta stays small. The coarse bucket's
 * count and checksum move by the difference between each touched id bucket before and after.
 */
async function compactBucket(tx: IDBTransaction, table: string, kind: number, coarse: number): Promise<void> {
  const keys = tx.objectStore('keys');
  const meta = tx.objectStore('meta');
  const fragRange = under([table, kind, FRAGMENT, coarse]);
  const fragments = (await done(keys.getAll(fragRange))) as string[];
  if (fragments.length === 0) return;
  const touched = [...splitByFine(fragments)];
  const [stored, before] = await Promise.all([
    readFine(
      keys,
      [table, kind, FINE, coarse],
      touched.map(([fine]) => fine),
    ),
    done(meta.get(statsKey(table, coarse))) as Promise<BucketStats | undefined>,
  ]);
  let stats = before ?? { count: 0, sum: 0 };
  for (const [fine, lines] of touched) {
    const entries = new Map<string, number[]>();
    parseBucket(stored.get(fine), entries);
    const old = kind === KIND_ID ? statsOf(entries) : undefined;
    applyFragment(entries, lines, kind === KIND_ID);
    keys.put(serializeBucket(entries), [table, kind, FINE, coarse, fine]);
    if (!old) continue;
    const now = statsOf(entries);
    stats = {
      count: stats.count - old.count + now.count,
      sum: addChecksum(subtractChecksum(stats.sum, old.sum), now.sum),
    };
  }
  if (kind === KIND_ID) meta.put(stats, statsKey(table, coarse));
  keys.delete(fragRange);
}

/** Coarse buckets merged per transaction: few commits for a delta, bounded memory for a first load. */
const COARSE_PER_TRANSACTION = 8;

/**
 * Merges every pending fragment, a few coarse buckets per transaction so memory stays bounded and
 * writers may interleave: their fragments are newer than anything merged, and readers see both.
 */
export async function compactCatalog(db: IDBDatabase, table: string): Promise<void> {
  for (const kind of [KIND_ID, KIND_CODE]) {
    for (let first = 0; first < 1 << COARSE_BITS; first += COARSE_PER_TRANSACTION) {
      const tx = db.transaction(['keys', 'meta'], 'readwrite');
      // Listen before any request: a group with nothing pending may commit before Promise.all settles.
      const finished = committed(tx);
      const group = Array.from({ length: COARSE_PER_TRANSACTION }, (_, i) => first + i);
      await Promise.all(group.map((coarse) => compactBucket(tx, table, kind, coarse)));
      await finished;
    }
  }
  const tx = db.transaction(['meta'], 'readwrite');
  const state = await readTableMeta(tx, table);
  tx.objectStore('meta').put({ ...state, pendingPages: 0 }, tableMetaKey(table));
  await committed(tx);
}

/** Row count and checksum of a compacted table. */
export async function tableStats(tx: IDBTransaction, table: string): Promise<BucketStats> {
  const range = IDBKeyRange.bound(`stats:${table}:`, `stats:${table}:\uffff`);
  const all = (await done(tx.objectStore('meta').getAll(range))) as BucketStats[];
  return all.reduce((a, s) => ({ count: a.count + s.count, sum: addChecksum(a.sum, s.sum) }), {
    count: 0,
    sum: 0,
  });
}

/** Every live id of a compacted table with its row reference, in no particular order. */
export async function liveIds(tx: IDBTransaction, table: string): Promise<{ id: string; ref: number }[]> {
  const buckets = (await done(tx.objectStore('keys').getAll(under([table, KIND_ID, FINE])))) as string[];
  const out: { id: string; ref: number }[] = [];
  for (const bucket of buckets) {
    const entries = new Map<string, number[]>();
    parseBucket(bucket, entries);
    for (const [id, [ref]] of entries) if (ref !== undefined) out.push({ id: unescapeKey(id), ref });
  }
  return out;
}
