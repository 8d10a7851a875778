// A tiny async SQL surface over both dialects, for the store's simpler tables (app versions, device
// groups, stock), so their queries are written once. Queries use `?` placeholders and only SQL that
// SQLite and PostgreSQL read alike (upserts with ON CONFLICT, no dialect functions).
import type { PgTx } from './pg-tx.js';
import type { SqliteConnection } from './sqlite-connection.js';

export interface SqlRunner {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export function sqliteRunner(conn: SqliteConnection): SqlRunner {
  return {
    all: async <T>(sql: string, params: readonly unknown[] = []) => conn.all<T>(sql, ...params),
    run: async (sql, params = []) => conn.run(sql, ...params).changes,
  };
}

/** `?` → `$1, $2…` (the queries given here never hold a literal question mark). */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function pgRunner(tx: PgTx): SqlRunner {
  return {
    all: <T>(sql: string, params: readonly unknown[] = []) =>
      tx.all(toPgPlaceholders(sql), [...params]) as Promise<T[]>,
    run: (sql, params = []) => tx.run(toPgPlaceholders(sql), [...params]),
  };
}
