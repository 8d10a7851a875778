// Compact IndexedDB layout for large read-only catalogs (see docs/terminal-storage.md): rows live as
// JSON lines in chunks of ROWS_PER_CHUNK, ids and barcodes in hashed buckets of text. A pull page
// costs a few hundred records instead of one per row, and a lookup costs two rounds of gets.
import { done } from './idb-request.js';
import {
  type BucketAddress,
  bucketOf,
  bucketOfTag,
  fragmentLine,
  ID_TAGS,
  linesFor,
  TOMBSTONE,
  tagOf,
} from './key-buckets.js';

export const ROWS_PER_CHUNK = 32;
/** Stores a transaction that writes or reads the catalog must include. */
export const CATALOG_STORES = ['chunks', 'keys', 'meta'] as const;

export const KIND_ID = 0;
export const KIND_CODE = 1;
export const FINE = 0;
export const FRAGMENT = 1;

/** A row made ready before any transaction opens, so a row that cannot be stored fails the page early. */
export interface PreparedRow {
  id: string;
  seq: number;
  json: string;
  /** Codes that find this row (a product's and its packings' barcodes, a cell's barcodes). */
  codes: readonly string[];
}

export interface StoredRow {
  ref: number;
  seq: number;
  json: string;
}

export interface TableMeta {
  nextChunk: number;
  gen: number;
  pendingPages: number;
}

export function createCatalogStores(db: IDBDatabase): void {
  for (const name of CATALOG_STORES) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
}

export const tableMetaKey = (table: string): string => `catalog:${table}`;
export const under = (prefix: IDBValidKey[]): IDBKeyRange => IDBKeyRange.bound(prefix, [...prefix, []]);

export async function readTableMeta(tx: IDBTransaction, table: string): Promise<TableMeta> {
  const stored = (await done(tx.objectStore('meta').get(tableMetaKey(table)))) as TableMeta | undefined;
  return stored ?? { nextChunk: 0, gen: 0, pendingPages: 0 };
}

/** One change of a page, in page order: a later change to the same id wins. */
export type CatalogWrite = { op: 'put'; row: PreparedRow } | { op: 'del'; id: string };

/**
 * Writes one page of changes inside the caller's readwrite transaction (which may also hold the
 * cursor), so a page lands whole or not at all. Returns the pages now waiting for compaction.
 */
export async function writeCatalogPage(
  tx: IDBTransaction,
  table: string,
  writes: readonly CatalogWrite[],
): Promise<number> {
  const state = await readTableMeta(tx, table);
  const gen = ++state.gen;
  const ids = new Map<number, string>();
  const codes = new Map<number, string>();
  const add = (into: Map<number, string>, key: string, value: number | string): void => {
    const { coarse } = bucketOf(key);
    into.set(coarse, (into.get(coarse) ?? '') + fragmentLine(key, value));
  };
  let chunk: string[] = [];
  const flush = (): void => {
    if (chunk.length > 0) tx.objectStore('chunks').put(chunk.join('\n'), [table, state.nextChunk++]);
    chunk = [];
  };
  for (const write of writes) {
    if (write.op === 'del') {
      add(ids, write.id, TOMBSTONE);
      continue;
    }
    const ref = state.nextChunk * ROWS_PER_CHUNK + chunk.length;
    chunk.push(write.row.json);
    add(ids, write.row.id, `${ref},${write.row.seq}`);
    const packed = ref * ID_TAGS + tagOf(write.row.id);
    for (const code of new Set(write.row.codes)) add(codes, code, packed);
    if (chunk.length === ROWS_PER_CHUNK) flush();
  }
  flush();
  const keys = tx.objectStore('keys');
  for (const [coarse, text] of ids) keys.put(text, [table, KIND_ID, FRAGMENT, coarse, gen]);
  for (const [coarse, text] of codes) keys.put(text, [table, KIND_CODE, FRAGMENT, coarse, gen]);
  state.pendingPages++;
  tx.objectStore('meta').put(state, tableMetaKey(table));
  return state.pendingPages;
}

/** A fine bucket and the fragments of its coarse bucket, as read for one lookup. */
interface Buckets {
  merged: string | undefined;
  fragments: string[];
}

/**
 * The fine bucket, plus the coarse bucket's fragments unless the caller knows none are pending (no
 * page written since the last compaction): then a lookup is one get instead of two.
 */
function readBuckets(
  tx: IDBTransaction,
  table: string,
  kind: number,
  { coarse, fine }: BucketAddress,
  fragments: boolean,
): Promise<Buckets> {
  const keys = tx.objectStore('keys');
  return Promise.all([
    done(keys.get([table, kind, FINE, coarse, fine])) as Promise<string | undefined>,
    fragments ? (done(keys.getAll(under([table, kind, FRAGMENT, coarse]))) as Promise<string[]>) : [],
  ]).then(([merged, fragments]) => ({ merged, fragments }));
}

/** Entries for a key, newest first: unmerged fragments (newest page first), then the fine bucket. */
function linesIn(buckets: Buckets, key: string): number[][] {
  const out: number[][] = [];
  for (let i = buckets.fragments.length - 1; i >= 0; i--) out.push(...linesFor(buckets.fragments[i], key));
  out.push(...linesFor(buckets.merged, key));
  return out;
}

/** The live version of an id from its buckets: [ref, seq], or undefined when deleted or absent. */
function liveIn(buckets: Buckets, id: string): { ref: number; seq: number } | undefined {
  const [ref, seq] = linesIn(buckets, id)[0] ?? [];
  return ref === undefined || ref === TOMBSTONE || seq === undefined ? undefined : { ref, seq };
}

export async function readJsonAt(
  tx: IDBTransaction,
  table: string,
  ref: number,
): Promise<string | undefined> {
  const text = (await done(tx.objectStore('chunks').get([table, Math.floor(ref / ROWS_PER_CHUNK)]))) as
    | string
    | undefined;
  if (text === undefined) return undefined;
  let start = 0;
  for (let pos = ref % ROWS_PER_CHUNK; pos > 0; pos--) {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) return undefined;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Two rounds of gets: the id's buckets, then its chunk. */
export async function findById(
  tx: IDBTransaction,
  table: string,
  id: string,
  fragments = true,
): Promise<StoredRow | undefined> {
  const at = liveIn(await readBuckets(tx, table, KIND_ID, bucketOf(id), fragments), id);
  if (!at) return undefined;
  const json = await readJsonAt(tx, table, at.ref);
  return json === undefined ? undefined : { ...at, json };
}

export interface CodeHit<Row> {
  id: string;
  json: string;
  row: Row;
}

/**
 * Every live row carrying `code`, the least recently written first (the order a row-per-record index
 * would give). Two rounds of gets: the code's buckets, then for each reference its chunk and its id's
 * buckets together (a code entry carries the id's tag, see ID_TAGS); a reference is used only when the
 * row carries the code and is its id's live version.
 */
export async function findByCode<Row>(
  tx: IDBTransaction,
  table: string,
  code: string,
  read: (json: string) => { id: string; codes: readonly string[]; row: Row },
  fragments = true,
): Promise<CodeHit<Row>[]> {
  const buckets = await readBuckets(tx, table, KIND_CODE, bucketOf(code), fragments);
  const packed = [...new Set(linesIn(buckets, code).flat())];
  const found = await Promise.all(
    packed.map(async (value) => {
      const ref = Math.floor(value / ID_TAGS);
      const [json, idBuckets] = await Promise.all([
        readJsonAt(tx, table, ref),
        readBuckets(tx, table, KIND_ID, bucketOfTag(value % ID_TAGS), fragments),
      ]);
      if (json === undefined) return undefined;
      const { id, codes, row } = read(json);
      if (!codes.includes(code) || liveIn(idBuckets, id)?.ref !== ref) return undefined;
      return { id, json, row };
    }),
  );
  const seen = new Set<string>();
  const out: CodeHit<Row>[] = [];
  for (const hit of found) {
    if (hit === undefined || seen.has(hit.id)) continue;
    seen.add(hit.id);
    out.push(hit);
  }
  return out.reverse();
}

/**
 * Drops a table's rows and indexes, e.g. before a refetch. The chunk counter survives, so a reference
 * is never handed out twice.
 */
export async function clearCatalogTable(tx: IDBTransaction, table: string): Promise<void> {
  const state = await readTableMeta(tx, table);
  tx.objectStore('chunks').delete(under([table]));
  tx.objectStore('keys').delete(under([table]));
  const meta = tx.objectStore('meta');
  meta.put({ ...state, pendingPages: 0 }, tableMetaKey(table));
  meta.delete(IDBKeyRange.bound(`stats:${table}:`, `stats:${table}:\uffff`));
}
