// Layout (c) inside a dedicated worker: SQLite-WASM with the "opfs" VFS (the only OPFS VFS in the
// SQLite-WASM release the registry offers here, 3.41.2; it needs SharedArrayBuffer, hence COOP/COEP).
import { productPage } from './generate-products.js';

interface Stmt {
  bind(values: unknown[]): Stmt;
  step(): boolean;
  get(index: number): unknown;
  reset(): Stmt;
  finalize(): void;
}
interface Db {
  exec(sql: string): void;
  prepare(sql: string): Stmt;
  selectValue(sql: string): unknown;
  close(): void;
}
interface Sqlite3 {
  oo1: { OpfsDb?: new (file: string, mode: string) => Db };
  version: { libVersion: string };
}

// 3.41.2's OPFS proxy failed an xWrite mid-load here in 3 of 4 full runs with the default locking
// (it drops and re-takes file handles between transactions); EXCLUSIVE locking keeps them, and lets
// SQLite trust its page cache across transactions. WITHOUT ROWID keeps each barcode once.
// A URL held in a variable so the bundler leaves SQLite's own files (wasm, async proxy) where they are.
const SQLITE_URL = '/sqlite/sqlite3.mjs';
let db: Db | undefined;
let insertProduct: Stmt | undefined;
let insertBarcode: Stmt | undefined;
let findByCode: Stmt | undefined;
let deferred = false;

/**
 * deferIndexes: the bulk-load variant, tables without indexes during the load and CREATE INDEX once
 * at the end (best case for a first load; a resumed or incremental load would not get it).
 */
async function open(deferIndexes: boolean): Promise<string> {
  deferred = deferIndexes;
  const mod = (await import(/* @vite-ignore */ SQLITE_URL)) as { default: () => Promise<Sqlite3> };
  const sqlite3 = await mod.default();
  if (!sqlite3.oo1.OpfsDb) throw new Error('OPFS VFS unavailable (SharedArrayBuffer or OPFS missing)');
  db = new sqlite3.oo1.OpfsDb('/bench.sqlite3', 'c');
  db.exec(`PRAGMA cache_size = -65536;
    PRAGMA locking_mode = EXCLUSIVE;
    PRAGMA journal_mode = TRUNCATE;
    CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v);`);
  db.exec(
    deferIndexes
      ? `CREATE TABLE IF NOT EXISTS products (id TEXT NOT NULL, data TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS barcodes (code TEXT NOT NULL, pid INTEGER NOT NULL);`
      : `CREATE TABLE IF NOT EXISTS products (id TEXT NOT NULL UNIQUE, data TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS barcodes (code TEXT NOT NULL, pid INTEGER NOT NULL,
           PRIMARY KEY (code, pid)) WITHOUT ROWID;`,
  );
  insertProduct = db.prepare('INSERT INTO products (id, data) VALUES (?, ?) RETURNING rowid');
  insertBarcode = db.prepare('INSERT INTO barcodes (code, pid) VALUES (?, ?)');
  findByCode = db.prepare(
    'SELECT p.data FROM barcodes b JOIN products p ON p.rowid = b.pid WHERE b.code = ? LIMIT 1',
  );
  return sqlite3.version.libVersion;
}

function writePage(from: number, to: number): void {
  db!.exec('BEGIN');
  try {
    for (const row of productPage(from, to)) {
      insertProduct!.bind([row.id, JSON.stringify(row)]).step();
      const pid = insertProduct!.get(0);
      insertProduct!.reset();
      for (const code of [...row.barcodes, ...row.packings.flatMap((p) => p.barcodes)]) {
        insertBarcode!.bind([code, pid]).step();
        insertBarcode!.reset();
      }
    }
    db!.exec(`INSERT OR REPLACE INTO meta (k, v) VALUES ('cursor', ${to})`);
    db!.exec('COMMIT');
  } catch (e) {
    db!.exec('ROLLBACK');
    throw new Error(`page [${from}, ${to}): ${String(e)}`);
  }
}

function lookup(code: string): string | undefined {
  try {
    return findByCode!.bind([code]).step() ? (findByCode!.get(0) as string) : undefined;
  } finally {
    findByCode!.reset();
  }
}

function createIndexes(): void {
  if (!deferred) return;
  db!.exec(`CREATE UNIQUE INDEX IF NOT EXISTS products_id ON products (id);
    CREATE INDEX IF NOT EXISTS barcodes_code ON barcodes (code);`);
}

type Request =
  | { id: number; op: 'open'; deferIndexes: boolean }
  | { id: number; op: 'finish' }
  | { id: number; op: 'page'; from: number; to: number }
  | { id: number; op: 'lookup'; code: string }
  | { id: number; op: 'close' };

// The DOM lib types `self` as a window; in this file it is the worker's global scope.
const scope = self as unknown as Worker;

scope.onmessage = async (e: MessageEvent<Request>) => {
  const req = e.data;
  try {
    let result: unknown;
    if (req.op === 'open') result = await open(req.deferIndexes);
    else if (req.op === 'finish') createIndexes();
    else if (req.op === 'page') writePage(req.from, req.to);
    else if (req.op === 'lookup') result = lookup(req.code);
    else {
      for (const s of [insertProduct, insertBarcode, findByCode]) s?.finalize();
      db?.close();
    }
    scope.postMessage({ id: req.id, result });
  } catch (error) {
    scope.postMessage({ id: req.id, error: String(error) });
  }
};
