// One better-sqlite3 connection with the pragmas the store relies on and a cache of prepared
// statements, so hot paths (mutations, catalog uploads) never re-parse SQL.
import Database from 'better-sqlite3';

export type Row = Record<string, unknown>;
export type Statement = Database.Statement<unknown[], Row>;

export class SqliteConnection {
  readonly db: Database.Database;
  readonly #statements = new Map<string, Statement>();

  constructor(file: string, options: { readonly?: boolean } = {}) {
    this.db = new Database(file, { readonly: options.readonly ?? false });
    // A busy writer (another process on the same file) should make us wait, not fail at once.
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a commit survives a process crash; only an OS crash may lose the last ones.
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.pragma('foreign_keys = ON');
  }

  /** A prepared statement, cached by its SQL text. */
  sql(text: string): Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.db.prepare<unknown[], Row>(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  get<T = Row>(text: string, ...params: unknown[]): T | undefined {
    return this.sql(text).get(...params) as T | undefined;
  }

  all<T = Row>(text: string, ...params: unknown[]): T[] {
    return this.sql(text).all(...params) as T[];
  }

  run(text: string, ...params: unknown[]): Database.RunResult {
    return this.sql(text).run(...params);
  }

  close(): void {
    this.db.close();
  }
}
