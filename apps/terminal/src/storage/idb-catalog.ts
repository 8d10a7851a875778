// The catalog half of IdbTerminalStore: turns protocol changes into chunked-catalog writes and
// answers the port's catalog reads. Rows are stored as `[id, row]` JSON so the change's id is kept
// even when a row object does not repeat it.
import {
  CATALOG_TABLES,
  type CatalogChange,
  type CatalogRowByTable,
  type CatalogTable,
} from '@shelfsync/protocol';
import { type BarcodeHit, type RowPage, rowBarcodes } from '@shelfsync/terminal-core';
import { compactCatalog, liveIds, tableStats } from './catalog-compaction.js';
import {
  CATALOG_STORES,
  type CatalogWrite,
  findByCode,
  findById,
  readJsonAt,
  readTableMeta,
  writeCatalogPage,
} from './chunked-catalog.js';

/** Past this many unmerged pages a write compacts, so a lookup never reads more fragments. */
export const COMPACT_AFTER_PAGES = 256;

type Stored = [string, Record<string, unknown>];

/**
 * What this store instance knows about the catalog between writes: pages pending compaction per
 * table (so lookups skip reading fragments when there are none) and the rows the last scans found
 * (so the getRow that follows a scan, as in barcode-resolver.ts, costs nothing). Forgotten on every
 * catalog write, here or announced by another instance (see IdbTerminalStore).
 */
export class CatalogReadState {
  private readonly pending = new Map<CatalogTable, number>();
  private readonly recent = new Map<string, string>();

  forget(): void {
    this.pending.clear();
    this.recent.clear();
  }

  setPending(table: CatalogTable, pages: number): void {
    this.pending.set(table, pages);
  }

  /** Whether reads must include fragments; learns the answer from the table's meta once. */
  async fragments(tx: IDBTransaction, table: CatalogTable): Promise<boolean> {
    let pages = this.pending.get(table);
    if (pages === undefined) {
      pages = (await readTableMeta(tx, table)).pendingPages;
      this.pending.set(table, pages);
    }
    return pages > 0;
  }

  remember(table: CatalogTable, id: string, json: string): void {
    this.recent.set(`${table}:${id}`, json);
    if (this.recent.size > 64) this.recent.delete(this.recent.keys().next().value!);
  }

  recall(table: CatalogTable, id: string): string | undefined {
    return this.recent.get(`${table}:${id}`);
  }
}

/** Serialises every change before a transaction opens: a row that cannot be stored fails the page. */
export function prepareChanges(changes: readonly CatalogChange[]): Map<CatalogTable, CatalogWrite[]> {
  const out = new Map<CatalogTable, CatalogWrite[]>();
  for (const c of changes) {
    const writes = out.get(c.table) ?? [];
    out.set(c.table, writes);
    if (c.op === 'del') {
      writes.push({ op: 'del', id: c.id });
      continue;
    }
    const codes = rowBarcodes(c.table, c.id, c.row).map((e) => e.code);
    writes.push({ op: 'put', row: { id: c.id, seq: c.seq, json: JSON.stringify([c.id, c.row]), codes } });
  }
  return out;
}

/** Writes prepared changes in the caller's transaction; returns pages pending per written table. */
export async function writeChanges(
  tx: IDBTransaction,
  prepared: Map<CatalogTable, CatalogWrite[]>,
): Promise<Map<CatalogTable, number>> {
  const pending = new Map<CatalogTable, number>();
  for (const [table, writes] of prepared) pending.set(table, await writeCatalogPage(tx, table, writes));
  return pending;
}

const readStored = (json: string): Stored => JSON.parse(json) as Stored;

export async function lookupProducts(
  db: IDBDatabase,
  code: string,
  state: CatalogReadState,
): Promise<BarcodeHit[]> {
  const tx = db.transaction([...CATALOG_STORES], 'readonly');
  const read = (json: string) => {
    const [id, row] = readStored(json);
    const entries = rowBarcodes('products', id, row);
    return { id, codes: entries.map((e) => e.code), row: entries.filter((e) => e.code === code) };
  };
  const hits = await findByCode(tx, 'products', code, read, await state.fragments(tx, 'products'));
  for (const hit of hits) state.remember('products', hit.id, hit.json);
  return hits
    .flatMap((hit) => hit.row)
    .map((e) =>
      e.packingId === undefined ? { productId: e.id } : { productId: e.id, packingId: e.packingId },
    );
}

export async function findRowByCode<T extends CatalogTable>(
  db: IDBDatabase,
  table: T,
  code: string,
  state: CatalogReadState,
): Promise<CatalogRowByTable[T] | undefined> {
  const tx = db.transaction([...CATALOG_STORES], 'readonly');
  const read = (json: string) => {
    const [id, row] = readStored(json);
    return { id, codes: rowBarcodes(table, id, row).map((e) => e.code), row };
  };
  const [first] = await findByCode(tx, table, code, read, await state.fragments(tx, table));
  return first?.row as CatalogRowByTable[T] | undefined;
}

export async function getRow<T extends CatalogTable>(
  db: IDBDatabase,
  table: T,
  id: string,
  state: CatalogReadState,
): Promise<CatalogRowByTable[T] | undefined> {
  let json = state.recall(table, id);
  if (json === undefined) {
    const tx = db.transaction([...CATALOG_STORES], 'readonly');
    json = (await findById(tx, table, id, await state.fragments(tx, table)))?.json;
  }
  return json === undefined ? undefined : (readStored(json)[1] as unknown as CatalogRowByTable[T]);
}

export async function compact(db: IDBDatabase, table: CatalogTable, state: CatalogReadState): Promise<void> {
  const tx = db.transaction([...CATALOG_STORES], 'readonly');
  if ((await readTableMeta(tx, table)).pendingPages > 0) await compactCatalog(db, table);
  state.setPending(table, 0);
}

/**
 * Ids are hashed, not ordered, so a page sorts every live id of the table: fine for cells, users and
 * warehouses, slow for a million products (see docs/terminal-storage.md, known limits).
 */
export async function listRows<T extends CatalogTable>(
  db: IDBDatabase,
  table: T,
  opts: { after?: string; limit: number },
  state: CatalogReadState,
): Promise<RowPage<CatalogRowByTable[T]>> {
  await compact(db, table, state);
  const tx = db.transaction([...CATALOG_STORES], 'readonly');
  const after = opts.after;
  const ids = (await liveIds(tx, table)).filter((e) => after === undefined || e.id > after);
  ids.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = ids.slice(0, opts.limit);
  const jsons = await Promise.all(taken.map((e) => readJsonAt(tx, table, e.ref)));
  const rows = jsons.flatMap((json) =>
    json === undefined ? [] : [readStored(json)[1] as unknown as CatalogRowByTable[T]],
  );
  const last = taken.at(-1);
  return ids.length > opts.limit && last !== undefined ? { rows, next: last.id } : { rows };
}

/** Count and checksum per table; merges pending pages first, which is what makes a load "ready". */
export async function catalogStats(
  db: IDBDatabase,
  state: CatalogReadState,
): Promise<Record<CatalogTable, { count: number; sum: number }>> {
  for (const table of CATALOG_TABLES) await compact(db, table, state);
  const tx = db.transaction([...CATALOG_STORES], 'readonly');
  const out = {} as Record<CatalogTable, { count: number; sum: number }>;
  for (const table of CATALOG_TABLES) out[table] = await tableStats(tx, table);
  return out;
}
