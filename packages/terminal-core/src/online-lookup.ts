// Hybrid lookup on the terminal (DESIGN.md §6): the replica answers first; on a miss, when the table's
// placement allows, the base is asked with a short timeout so the operator never waits long, and its
// answer is cached apart from the replica and asked again once older than LOOKUP_CACHE_FRESH_MS.
// Offline, the cache answers whatever its age and a miss stays a miss: the document type decides
// whether it is recorded as an unknown barcode, which the base resolves at the next exchange.
import { lookupKeys, type ParsedScan } from '@shelfsync/barcode';
import {
  DEFAULT_LOOKUP_PLACEMENT,
  type LookupConfig,
  type LookupPlacement,
  type LookupResponse,
  ONLINE_LOOKUP_TIMEOUT_MS,
} from '@shelfsync/protocol';
import { type LookupResult, resolveBarcode } from './barcode-resolver.js';
import type { DeviceTransport } from './device-transport.js';
import { isFreshLookup, type LookupCacheEntry } from './lookup-cache.js';
import type { Timers } from './platform.js';
import type { TerminalStore } from './terminal-store.js';

export interface OnlineLookup {
  /** A transport to the base, or undefined when the terminal is not enrolled. */
  transport(): Promise<DeviceTransport | undefined>;
  timers: Timers;
  now(): string;
  timeoutMs?: number;
}

export function placementOf(config: LookupConfig | undefined): LookupPlacement {
  return config?.products?.placement ?? DEFAULT_LOOKUP_PLACEMENT;
}

/**
 * The replica, then the cache, then the base — in the order the products placement says. Online, a
 * cache entry older than LOOKUP_CACHE_FRESH_MS is checked with the base first: its answer replaces
 * the entry, or drops it when the base no longer knows the code. When the base cannot be asked in
 * time, a cached answer is used whatever its age.
 */
export async function resolveHybrid(
  store: TerminalStore,
  raw: string,
  parsed: ParsedScan | undefined,
  online: OnlineLookup,
): Promise<LookupResult> {
  const placement = placementOf(await store.getMeta('lookup'));
  const keys = [...new Set([raw.trim(), ...(parsed ? lookupKeys(parsed) : [])])];
  // `server` asks before the replica; undefined: the base was not asked or did not answer.
  const first = placement === 'server' ? await askBase(keys, online) : undefined;
  if (first && knows(first)) return remember(store, keys, first, parsed, online);
  const local = await resolveBarcode(store, raw, parsed);
  if (local !== null || placement === 'device') return local;
  const cached = await fromCache(store, keys);
  if (placement === 'server') return first ? forget(store, cached) : answerOf(cached, parsed);
  if (cached && isFreshLookup(cached.entry, online.now())) return answerOf(cached, parsed);
  const answer = await askBase(keys, online);
  if (answer === undefined) return answerOf(cached, parsed);
  return knows(answer) ? remember(store, keys, answer, parsed, online) : forget(store, cached);
}

interface CacheHit {
  key: string;
  entry: LookupCacheEntry;
}

async function fromCache(store: TerminalStore, keys: readonly string[]): Promise<CacheHit | undefined> {
  for (const key of keys) {
    const entry = await store.cachedLookup(key);
    if (entry) return { key, entry };
  }
  return undefined;
}

function answerOf(hit: CacheHit | undefined, parsed: ParsedScan | undefined): LookupResult {
  return hit ? resultOf(hit.entry, hit.key, parsed) : null;
}

/** The base has just said it does not know the code: a cached answer for it is out of date. */
async function forget(store: TerminalStore, hit: CacheHit | undefined): Promise<null> {
  if (hit) await store.dropCachedLookup(hit.key);
  return null;
}

function knows(answer: LookupResponse): boolean {
  return answer.product !== undefined || answer.cell !== undefined;
}

function resultOf(
  entry: LookupResponse | LookupCacheEntry,
  key: string,
  parsed: ParsedScan | undefined,
): LookupResult {
  if (entry.product) {
    const packingId = 'packing' in entry ? entry.packing?.id : (entry as LookupCacheEntry).packingId;
    const packing = packingId ? entry.product.packings.find((p) => p.id === packingId) : undefined;
    const found = {
      kind: 'product' as const,
      product: entry.product,
      key,
      ...(parsed ? { scan: parsed } : {}),
    };
    return packing ? { ...found, packing } : found;
  }
  return entry.cell ? { kind: 'cell', cell: entry.cell } : null;
}

/** The base's answer ({} when it does not know the code), or undefined when it cannot be asked in time. */
async function askBase(keys: readonly string[], online: OnlineLookup): Promise<LookupResponse | undefined> {
  const transport = await online.transport();
  const raw = keys[0];
  if (!transport?.lookup || raw === undefined || raw === '') return undefined;
  return withTimeout(transport.lookup({ barcode: raw }), online);
}

/** Caches an answer the base knows, replacing any older entry under the same codes, and returns it. */
async function remember(
  store: TerminalStore,
  keys: readonly string[],
  answer: LookupResponse,
  parsed: ParsedScan | undefined,
  online: OnlineLookup,
): Promise<LookupResult> {
  const raw = keys[0] ?? '';
  const entry: LookupCacheEntry = {
    ...(answer.product ? { product: answer.product } : {}),
    ...(answer.packing ? { packingId: answer.packing.id } : {}),
    ...(answer.cell ? { cell: answer.cell } : {}),
    at: online.now(),
  };
  // Cached under the scanned text and under each key that is one of the answer's own barcodes (a
  // GS1 scan carrying a lot finds the product by its GTIN next time, whatever the lot).
  const own = new Set([...(answer.product?.barcodes ?? []), ...(answer.packing?.barcodes ?? [])]);
  for (const key of keys) if (key === raw || own.has(key)) await store.cacheLookup(key, entry);
  return resultOf(answer, raw, parsed);
}

/** The answer, or undefined on any failure or after the timeout (the request is abandoned). */
async function withTimeout<T>(request: Promise<T>, online: OnlineLookup): Promise<T | undefined> {
  let handle: unknown;
  const timeout = new Promise<undefined>((resolve) => {
    handle = online.timers.setTimeout(() => resolve(undefined), online.timeoutMs ?? ONLINE_LOOKUP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([request.catch(() => undefined), timeout]);
  } finally {
    online.timers.clearTimeout(handle);
  }
}
