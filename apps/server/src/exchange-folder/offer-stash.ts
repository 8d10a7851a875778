// Offers waiting for their product rows, kept on disk. A CommerceML file may hold the catalog and
// then its offers; such offers must be merged into rows still inside the import's open transaction
// (invisible to store reads), so they wait here until a second pass over the file meets their
// products. A pure catalog or pure offers file never touches it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CmlOffer } from '@shelfsync/formats';
import Database from 'better-sqlite3';

export class OfferStash {
  readonly #dir: string;
  readonly #db: Database.Database;
  readonly #put: Database.Statement<[string, string, number]>;
  readonly #take: Database.Statement<[string], { json: string; line: number }>;
  readonly #has: Database.Statement<[string], { one: number }>;
  #size = 0;

  constructor(parent = os.tmpdir()) {
    this.#dir = mkdtempSync(path.join(parent, 'shelfsync-offers-'));
    this.#db = new Database(path.join(this.#dir, 'offers.db'));
    // Throwaway data: no journal, no fsync.
    this.#db.pragma('journal_mode = OFF');
    this.#db.pragma('synchronous = OFF');
    this.#db.exec(
      'CREATE TABLE offers (id TEXT PRIMARY KEY, json TEXT NOT NULL, line INTEGER NOT NULL) WITHOUT ROWID',
    );
    this.#put = this.#db.prepare('INSERT OR REPLACE INTO offers (id, json, line) VALUES (?, ?, ?)');
    this.#take = this.#db.prepare('DELETE FROM offers WHERE id = ? RETURNING json, line');
    this.#has = this.#db.prepare('SELECT 1 AS one FROM offers WHERE id = ?');
  }

  get size(): number {
    return this.#size;
  }

  /** Keeps the offer; a later offer for the same id replaces it, as it would in the store. */
  put(offer: CmlOffer, line: number): void {
    if (this.#has.get(offer.id) === undefined) this.#size++;
    this.#put.run(offer.id, JSON.stringify(offer), line);
  }

  /** Removes and returns the offer for `id`, if one waits. */
  take(id: string): { offer: CmlOffer; line: number } | undefined {
    if (this.#size === 0) return undefined;
    const row = this.#take.get(id);
    if (row === undefined) return undefined;
    this.#size--;
    return { offer: JSON.parse(row.json) as CmlOffer, line: row.line };
  }

  /** Every offer still waiting (no product met them in the file), removing them. */
  *drain(): Generator<{ offer: CmlOffer; line: number }> {
    const rows = this.#db.prepare('SELECT json, line FROM offers ORDER BY line').iterate() as Iterable<{
      json: string;
      line: number;
    }>;
    for (const row of rows) yield { offer: JSON.parse(row.json) as CmlOffer, line: row.line };
    this.#db.exec('DELETE FROM offers');
    this.#size = 0;
  }

  dispose(): void {
    this.#db.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
