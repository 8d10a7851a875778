// The catalog replica inside the terminal's SQLite file: rows, barcode index and per-table checksums
// kept incrementally. Callers wrap `apply` and `reset` in their own transaction.
import {
  addChecksum,
  CATALOG_TABLES,
  type CatalogChange,
  type CatalogTable,
  rowChecksum,
  subtractChecksum,
} from '@shelfsync/protocol';
import { type BarcodeEntry, rowBarcodes } from '@shelfsync/terminal-core';
import type { SqliteDb } from './sqlite-terminal-schema.js';

export interface CatalogTotals {
  sums: Record<CatalogTable, number>;
  counts: Record<CatalogTable, number>;
}

export class SqliteCatalogWriter {
  private readonly stmt;

  constructor(db: SqliteDb) {
    this.stmt = {
      olds: db.prepare<[string, string], { id: string; seq: number; row: string }>(
        'SELECT id, seq, row FROM catalog WHERE tbl = ? AND id IN (SELECT value FROM json_each(?))',
      ),
      put: db.prepare<[string, string, number, string]>(
        'INSERT OR REPLACE INTO catalog (tbl, id, seq, row) VALUES (?, ?, ?, ?)',
      ),
      del: db.prepare<[string, string]>('DELETE FROM catalog WHERE tbl = ? AND id = ?'),
      addCode: db.prepare<[string, string, string, string]>(
        'INSERT OR IGNORE INTO barcodes (code, tbl, id, packing) VALUES (?, ?, ?, ?)',
      ),
      delCode: db.prepare<[string, string, string, string]>(
        'DELETE FROM barcodes WHERE code = ? AND tbl = ? AND id = ? AND packing = ?',
      ),
      lookup: db.prepare<[string, string], { id: string; packing: string }>(
        'SELECT id, packing FROM barcodes WHERE code = ? AND tbl = ? ORDER BY id, packing',
      ),
      get: db.prepare<[string, string], { row: string }>('SELECT row FROM catalog WHERE tbl = ? AND id = ?'),
      list: db.prepare<[string, string, number], { id: string; row: string }>(
        'SELECT id, row FROM catalog WHERE tbl = ? AND id > ? ORDER BY id LIMIT ?',
      ),
      totals: db.prepare<[], { tbl: string; sum: number; count: number }>(
        'SELECT tbl, sum, count FROM checksums',
      ),
      setTotal: db.prepare<[string, number, number]>(
        'INSERT OR REPLACE INTO checksums (tbl, sum, count) VALUES (?, ?, ?)',
      ),
      clearRows: db.prepare<[string]>('DELETE FROM catalog WHERE tbl = ?'),
      clearCodes: db.prepare<[string]>('DELETE FROM barcodes WHERE tbl = ?'),
    };
  }

  /** Applies a page of changes; checksums are updated once at the end, not per row. */
  apply(changes: readonly CatalogChange[]): void {
    if (changes.length === 0) return;
    const { sums, counts } = this.totals();
    const current = this.currentVersions(changes);
    for (const c of changes) {
      const key = `${c.table}\u0000${c.id}`;
      const old = current.get(key);
      // The same version again (a table refetch re-sends the others' rows): nothing to write.
      if (old && c.op === 'put' && old.seq === c.seq) continue;
      if (old) {
        sums[c.table] = subtractChecksum(sums[c.table], rowChecksum(c.id, old.seq));
        counts[c.table] -= 1;
        this.writeCodes(this.stmt.delCode, c.table, old.barcodes);
      }
      if (c.op === 'del') {
        if (old) this.stmt.del.run(c.table, c.id);
        current.delete(key);
        continue;
      }
      const barcodes = rowBarcodes(c.table, c.id, c.row);
      this.stmt.put.run(c.table, c.id, c.seq, JSON.stringify(c.row));
      sums[c.table] = addChecksum(sums[c.table], rowChecksum(c.id, c.seq));
      counts[c.table] += 1;
      this.writeCodes(this.stmt.addCode, c.table, barcodes);
      current.set(key, { seq: c.seq, barcodes });
    }
    for (const t of CATALOG_TABLES) this.stmt.setTotal.run(t, sums[t], counts[t]);
  }

  /** Stored versions of the rows a page touches, read with one query per table instead of one per row. */
  private currentVersions(
    changes: readonly CatalogChange[],
  ): Map<string, { seq: number; barcodes: BarcodeEntry[] }> {
    const ids = new Map<CatalogTable, string[]>();
    for (const c of changes) {
      const list = ids.get(c.table);
      if (list) list.push(c.id);
      else ids.set(c.table, [c.id]);
    }
    const found = new Map<string, { seq: number; barcodes: BarcodeEntry[] }>();
    for (const [table, list] of ids) {
      for (const r of this.stmt.olds.all(table, JSON.stringify(list))) {
        found.set(`${table}\u0000${r.id}`, {
          seq: r.seq,
          barcodes: rowBarcodes(table, r.id, JSON.parse(r.row)),
        });
      }
    }
    return found;
  }

  reset(tables: readonly CatalogTable[]): void {
    for (const t of tables) {
      this.stmt.clearRows.run(t);
      this.stmt.clearCodes.run(t);
      this.stmt.setTotal.run(t, 0, 0);
    }
  }

  lookup(table: CatalogTable, code: string): { id: string; packing: string }[] {
    return this.stmt.lookup.all(code, table);
  }

  get(table: CatalogTable, id: string): unknown {
    const row = this.stmt.get.get(table, id);
    return row ? JSON.parse(row.row) : undefined;
  }

  list(table: CatalogTable, after: string | undefined, limit: number): { rows: unknown[]; next?: string } {
    const found = this.stmt.list.all(table, after ?? '', limit + 1);
    const page = found.slice(0, limit);
    const rows = page.map((r) => JSON.parse(r.row) as unknown);
    const last = page[page.length - 1];
    return found.length > limit && last ? { rows, next: last.id } : { rows };
  }

  totals(): CatalogTotals {
    const sums = Object.fromEntries(CATALOG_TABLES.map((t) => [t, 0])) as Record<CatalogTable, number>;
    const counts = { ...sums };
    for (const r of this.stmt.totals.all()) {
      if (!(CATALOG_TABLES as readonly string[]).includes(r.tbl)) continue;
      sums[r.tbl as CatalogTable] = r.sum;
      counts[r.tbl as CatalogTable] = r.count;
    }
    return { sums, counts };
  }

  private writeCodes(
    stmt: { run(code: string, tbl: string, id: string, packing: string): unknown },
    table: CatalogTable,
    entries: BarcodeEntry[],
  ): void {
    for (const e of entries) stmt.run(e.code, table, e.id, e.packingId ?? '');
  }
}
