// Builders and helpers shared by the contract suite's parts. Backend-agnostic: only the port is used.
import type { CatalogChange, CatalogTable, FactLine, Mutation, Product } from '@shelfsync/protocol';
import { addChecksum, CATALOG_TABLES, rowChecksum, ShelfsyncError } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect } from 'vitest';
import type { DocumentPut, ServerStore } from '../../server-store.js';

export type OpenStore = () => Promise<ServerStore>;

export const NOW = '2026-11-25T10:00:00.000Z';

/** A fresh store per test, closed after it; call inside a describe block. */
export function useStore(open: OpenStore): () => ServerStore {
  let store: ServerStore | undefined;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (!store) throw new Error('no store: call inside a test');
    return store;
  };
}

export function product(id: string, name = `Product ${id}`): Product {
  return { id, name, barcodes: [`bc-${id}`], packings: [] };
}

export function products(count: number, prefix = 'p'): Product[] {
  return Array.from({ length: count }, (_, i) => product(`${prefix}${String(i).padStart(6, '0')}`));
}

export function doc(
  id: string,
  productIds: readonly string[] = ['p1'],
  over: Partial<DocumentPut> = {},
): DocumentPut {
  return {
    id,
    type: 'receipt',
    number: `N-${id}`,
    origin: 'accounting',
    lines: productIds.map((productId, i) => ({ id: `${id}-l${i + 1}`, productId, qty: i + 1 })),
    ...over,
  };
}

export function fact(id: string, productId = 'p1', qty = 1): FactLine {
  return { id, planLineId: null, productId, qty, at: NOW };
}

/** Numbers mutation drafts from `first` on. */
export function numbered(
  first: number,
  drafts: readonly DistributiveOmit<Mutation, 'n' | 'at'>[],
): Mutation[] {
  return drafts.map((m, i) => ({ ...m, n: first + i, at: NOW }) as Mutation);
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The rejection's ShelfsyncError code and details, failing the test when it resolves instead. */
export async function errorOf(promise: Promise<unknown>): Promise<ShelfsyncError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a ShelfsyncError').toBeInstanceOf(ShelfsyncError);
  return error as ShelfsyncError;
}

/** A terminal's catalog replica: applies pages the way a terminal does. */
export class Replica {
  readonly rows = new Map<string, { table: CatalogTable; id: string; seq: number; row: unknown }>();
  readonly seen = new Set<string>();
  duplicates = 0;

  apply(changes: readonly CatalogChange[]): void {
    for (const change of changes) {
      const key = `${change.table}\u0000${change.id}`;
      const version = `${key}\u0000${change.seq}`;
      if (this.seen.has(version)) this.duplicates++;
      this.seen.add(version);
      if (change.op === 'del') this.rows.delete(key);
      else this.rows.set(key, { table: change.table, id: change.id, seq: change.seq, row: change.row });
    }
  }

  checksums(): Record<CatalogTable, number> {
    const sums = Object.fromEntries(CATALOG_TABLES.map((t) => [t, 0])) as Record<CatalogTable, number>;
    for (const r of this.rows.values()) sums[r.table] = addChecksum(sums[r.table], rowChecksum(r.id, r.seq));
    return sums;
  }
}

/** Pulls pages until caught up, returning the last page's cursor and checksums. */
export async function pullAll(store: ServerStore, replica: Replica, after: number, limit: number) {
  let cursor = after;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await store.pullCatalog(cursor, limit);
    expect(page.changes.length).toBeLessThanOrEqual(limit);
    replica.apply(page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { cursor, checksums: page.checksums, pages: pages + 1 };
  }
  throw new Error('pull never caught up');
}

export async function* slowly<T>(items: Iterable<T>): AsyncGenerator<T> {
  let i = 0;
  for (const item of items) {
    if (++i % 250 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    yield item;
  }
}
