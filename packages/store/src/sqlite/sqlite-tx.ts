// SQLite's side of the store's transaction interface (tx.ts), on one connection (sqlite-store.ts
// has the connections and transactions). The counters table holds the ordered streams' numbers.

import { jsonText, type Stream, type Tx } from '../tx.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** better-sqlite3 binds no booleans: `true`/`false` become 1/0, as SQLite itself stores them. */
const bindable = (params: readonly unknown[]): unknown[] =>
  params.map((p) => (p === true ? 1 : p === false ? 0 : p));

export class SqliteTx implements Tx {
  readonly dialect = 'sqlite';
  readonly forUpdate = '';
  readonly forShare = '';
  #savepoints = 0;

  constructor(readonly conn: SqliteConnection) {}

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.conn.all<T>(sql, ...bindable(params));
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.conn.get<T>(sql, ...bindable(params));
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.conn.run(sql, ...bindable(params)).changes;
  }

  async next(stream: Stream): Promise<number> {
    return (await this.nextMany(stream, 1))[0]!;
  }

  async nextMany(stream: Stream, count: number): Promise<number[]> {
    if (count <= 0) return [];
    const row = this.conn.get<{ value: number }>(
      'UPDATE counters SET value = value + ? WHERE name = ? RETURNING value',
      count,
      stream,
    );
    const last = row!.value;
    return Array.from({ length: count }, (_, i) => last - count + 1 + i);
  }

  safe(stream: Stream): number {
    return this.conn.get<{ value: number }>('SELECT value FROM counters WHERE name = ?', stream)?.value ?? 0;
  }

  readonly inList = (column: string): string => `${column} IN (SELECT value FROM json_each(?))`;
  readonly list = (values: readonly string[]): unknown => JSON.stringify(values);
  readonly listItems = (): string => '(SELECT key AS pos, value AS item FROM json_each(?)) AS items';
  readonly jsonText = (column: string, key: string): string => jsonText('sqlite', column, key);

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.#savepoints}`;
    this.conn.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      this.conn.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.conn.db.exec(`ROLLBACK TO ${name}`);
      this.conn.db.exec(`RELEASE ${name}`);
      throw error;
    }
  }
}
