// Hybrid lookup on the terminal (DESIGN.md §6): the replica answers first; on a miss, when the table's
// placement allows, the base is asked with a short timeout so the operator never waits long, and its
// answer is cached apart from the replica. Offline, a miss stays a miss: the document type decides
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
import type { LookupCacheEntry } from './lookup-cache.js';
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

/** The replica, then the cache, then the base — in the order the products placement says. */
export async function resolveHybrid(
  store: TerminalStore,
  raw: string,
  parsed: ParsedScan | undefined,
  online: OnlineLookup,
): Promise<LookupResult> {
  const placement = placementOf(await store.getMeta('lookup'));
  const keys = [...new Set([raw.trim(), ...(parsed ? lookupKeys(parsed) : [])])];
  if (placement === 'server') {
    const asked = await askBase(store, keys, parsed, online);
    if (asked) return asked;
  }
  const local = await resolveBarcode(store, raw, parsed);
  if (local !== null || placement === 'device') return local;
  const cached = await fromCache(store, keys, parsed);
  if (cached) return cached;
  return placement === 'hybrid' ? askBase(store, keys, parsed, online) : null;
}

async function fromCache(
  store: TerminalStore,
  keys: readonly string[],
  parsed: ParsedScan | undefined,
): Promise<LookupResult> {
  for (const key of keys) {
    const entry = await store.cachedLookup(key);
    if (entry) return resultOf(entry, key, parsed);
  }
  return null;
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

/** Null when the base does not know the code, or cannot be asked in time. */
async function askBase(
  store: TerminalStore,
  keys: readonly string[],
  parsed: ParsedScan | undefined,
  online: OnlineLookup,
): Promise<LookupResult> {
  const transport = await online.transport();
  const raw = keys[0];
  if (!transport?.lookup || raw === undefined || raw === '') return null;
  const answer = await withTimeout(transport.lookup({ barcode: raw }), online);
  if (!answer || (!answer.product && !answer.cell)) return null;
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
