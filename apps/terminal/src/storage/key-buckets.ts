// Text format of the hashed key→row-reference buckets. A bucket is one string of lines
// "\n<key>\t<ref>[,<ref>…]", so a lookup is a substring search, not a parse of the whole bucket.
// The index is only a hint: readers verify the row they reach before trusting a reference.

/** Fragments go to one of 64 coarse buckets per page; compaction spreads them over 64 × 256 fine ones. */
export const COARSE_BITS = 6;
export const FINE_BITS = 8;
/** Reference of a deleted row in the id index. */
export const TOMBSTONE = -1;

export interface BucketAddress {
  coarse: number;
  fine: number;
}

/** FNV-1a over UTF-16 code units: cheap, stable across runs, spreads short numeric codes well. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A code entry packs `ref * ID_TAGS + tag of the row's id`: the tag's low bits are the id's bucket
 * (fetched with the row), and all 20 bits tell one product's versions from another product sharing
 * the code (a false match needs two products on one barcode whose ids agree on 20 hash bits).
 */
export const ID_TAGS = 2 ** 20;

export const tagOf = (key: string): number => hashKey(key) % ID_TAGS;

export function bucketOfTag(tag: number): BucketAddress {
  return { coarse: tag & ((1 << COARSE_BITS) - 1), fine: (tag >>> COARSE_BITS) & ((1 << FINE_BITS) - 1) };
}

export function bucketOf(key: string): BucketAddress {
  return bucketOfTag(tagOf(key));
}

/** Escapes the separators (and the escape itself) so any key survives the text format intact. */
export function escapeKey(key: string): string {
  return /[%\t\n,]/.test(key)
    ? key.replace(/[%\t\n,]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    : key;
}

export function unescapeKey(key: string): string {
  return key.includes('%')
    ? key.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : key;
}

/** Values for `key` in one bucket string, one array per line, newest line first; [] when absent. */
export function linesFor(bucket: string | undefined, key: string): number[][] {
  if (!bucket) return [];
  const needle = `\n${escapeKey(key)}\t`;
  const lines: number[][] = [];
  let at = bucket.indexOf(needle);
  while (at >= 0) {
    const start = at + needle.length;
    const end = bucket.indexOf('\n', start);
    lines.push(
      bucket
        .slice(start, end < 0 ? undefined : end)
        .split(',')
        .map(Number),
    );
    at = bucket.indexOf(needle, start);
  }
  // Within a fragment a later line is newer; a fine bucket has one line per key, already newest first.
  return lines.reverse();
}

export function parseBucket(bucket: string | undefined, into: Map<string, number[]>): void {
  if (!bucket) return;
  for (const line of bucket.split('\n')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    into.set(
      line.slice(0, tab),
      line
        .slice(tab + 1)
        .split(',')
        .map(Number),
    );
  }
}

export function serializeBucket(entries: Map<string, number[]>): string {
  let out = '';
  for (const [key, refs] of entries) if (refs.length > 0) out += `\n${key}\t${refs.join(',')}`;
  return out;
}

/**
 * Applies fragment lines (oldest first) onto merged entries. An id line "id\tref,seq" replaces the
 * id's entry, or drops it when ref is TOMBSTONE. A code line "code\tpacked" goes first in the code's
 * list and retires older versions of the same product (same id tag); other products keep theirs.
 */
export function applyFragment(merged: Map<string, number[]>, fragment: string, unique: boolean): void {
  for (const line of fragment.split('\n')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const key = line.slice(0, tab);
    const value = line
      .slice(tab + 1)
      .split(',')
      .map(Number);
    if (unique) {
      if (value[0] === TOMBSTONE) merged.delete(key);
      else merged.set(key, value);
      continue;
    }
    const ref = value[0]!;
    const refs = merged.get(key) ?? [];
    merged.set(key, [ref, ...refs.filter((r) => r % ID_TAGS !== ref % ID_TAGS)]);
  }
}

export function fragmentLine(key: string, ref: number | string): string {
  return `\n${escapeKey(key)}\t${ref}`;
}
