// Rows waiting for their product, kept on disk. A CommerceML file may hold the catalog and then its
// offers, and a catalog may list `product#variant` goods; such an offer or variant must meet its
// product as this file has it (still inside the import's open transaction, invisible to store reads),
// so it waits here until a second pass over the file meets the product. The same scratch database
// keeps, for a full catalog, the stored products it may delete (candidates), so neither list is held
// in memory. A pure catalog without variants or a pure offers file never touches it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CmlOffer } from '@shelfsync/formats';
import type { Product } from '@shelfsync/protocol';
import Database from 'better-sqlite3';

/** A plain or variant offer, or a catalog variant (Товар with a `product#variant` id). */
export type PendingRow = { kind: 'offer'; offer: CmlOffer } | { kind: 'product'; product: Product };

export interface Pending {
  row: PendingRow;
  line: number;
}

const pendingId = (row: PendingRow): string => (row.kind === 'offer' ? row.offer.id : row.product.id);

export class OfferStash {
  readonly #dir: string;
  readonly #db: Database.Database;
  readonly #put: Database.Statement<[string, string, string, number]>;
  readonly #take: Database.Statement<[string], { json: string; line: number }>;
  readonly #has: Database.Statement<[string], { one: number }>;
  readonly #addCandidate: Database.Statement<[string, string | null, number]>;
  readonly #seen: Database.Statement<[string]>;
  #size = 0;
  #candidates = 0;

  constructor(parent = os.tmpdir()) {
    this.#dir = mkdtempSync(path.join(parent, 'shelfsync-offers-'));
    this.#db = new Database(path.join(this.#dir, 'offers.db'));
    // Throwaway data: no journal, no fsync.
    this.#db.pragma('journal_mode = OFF');
    this.#db.pragma('synchronous = OFF');
    this.#db.exec(`
      CREATE TABLE pending (key TEXT PRIMARY KEY, product_id TEXT NOT NULL, json TEXT NOT NULL,
        line INTEGER NOT NULL) WITHOUT ROWID;
      CREATE INDEX pending_product ON pending (product_id);
      CREATE TABLE candidates (id TEXT PRIMARY KEY, parent_id TEXT, tagged INTEGER NOT NULL) WITHOUT ROWID;`);
    this.#put = this.#db.prepare(
      'INSERT OR REPLACE INTO pending (key, product_id, json, line) VALUES (?, ?, ?, ?)',
    );
    this.#take = this.#db.prepare(
      'DELETE FROM pending WHERE product_id = ? RETURNING json, line',
    ) as Database.Statement<[string], { json: string; line: number }>;
    this.#has = this.#db.prepare('SELECT 1 AS one FROM pending WHERE key = ?');
    this.#addCandidate = this.#db.prepare(
      'INSERT OR REPLACE INTO candidates (id, parent_id, tagged) VALUES (?, ?, ?)',
    );
    this.#seen = this.#db.prepare('DELETE FROM candidates WHERE id = ?');
  }

  get size(): number {
    return this.#size;
  }

  /** Keeps the row; a later one of the same kind and id replaces it, as it would in the store. */
  put(row: PendingRow, productId: string, line: number): void {
    const key = `${row.kind}:${pendingId(row)}`;
    if (this.#has.get(key) === undefined) this.#size++;
    this.#put.run(key, productId, JSON.stringify(row), line);
  }

  /** Removes and returns every row waiting for product `productId`, in file order. */
  takeFor(productId: string): Pending[] {
    if (this.#size === 0) return [];
    const rows = this.#take.all(productId);
    this.#size -= rows.length;
    return rows
      .sort((a, b) => a.line - b.line)
      .map((r) => ({ row: JSON.parse(r.json) as PendingRow, line: r.line }));
  }

  /** Every row still waiting (no product met them in the file), by product, removing them. */
  *drain(): Generator<{ productId: string; pending: Pending[] }> {
    const rows = this.#db
      .prepare('SELECT product_id, json, line FROM pending ORDER BY product_id, line')
      .iterate() as Iterable<{ product_id: string; json: string; line: number }>;
    let group: { productId: string; pending: Pending[] } | undefined;
    for (const r of rows) {
      if (group?.productId !== r.product_id) {
        if (group) yield group;
        group = { productId: r.product_id, pending: [] };
      }
      group.pending.push({ row: JSON.parse(r.json) as PendingRow, line: r.line });
    }
    if (group) yield group;
    this.#db.exec('DELETE FROM pending');
    this.#size = 0;
  }

  /** A stored product a full catalog may delete: one it tagged, or a variant of some product. */
  addCandidate(id: string, parentId: string | undefined, tagged: boolean): void {
    this.#addCandidate.run(id, parentId ?? null, tagged ? 1 : 0);
    this.#candidates++;
  }

  /** The file lists `id`: it stays. */
  seen(id: string): void {
    if (this.#candidates === 0) return;
    this.#seen.run(id);
  }

  /** Tagged candidates the file did not list, then untagged variants whose parent is among them. */
  unseenCandidates(): string[] {
    if (this.#candidates === 0) return [];
    const tagged = this.#db.prepare('SELECT id FROM candidates WHERE tagged = 1 ORDER BY id').pluck().all();
    const orphans = this.#db
      .prepare(
        `SELECT v.id FROM candidates v JOIN candidates p ON p.id = v.parent_id AND p.tagged = 1
          WHERE v.tagged = 0 ORDER BY v.id`,
      )
      .pluck()
      .all();
    return [...(tagged as string[]), ...(orphans as string[])];
  }

  dispose(): void {
    this.#db.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
