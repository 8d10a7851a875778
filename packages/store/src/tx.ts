// The one transaction interface every store rule is written against (DESIGN.md §5; STYLE.md "a rule
// lives in one place"). A rule module takes a `Tx` and never knows which database it runs on; the
// dialects (sqlite-tx.ts, pg-tx.ts) supply only what truly differs: how numbers of the ordered
// streams are taken, which numbers a reader may hand out, row locks, and how a list is bound.
//
// SQL given to a Tx uses `?` placeholders and SQL both databases read alike: ON CONFLICT upserts,
// RETURNING, `true`/`false` literals (SQLite reads them as 1/0), no dialect functions. A value that
// SQLite stores as 0/1 comes back as a number there and as a boolean on PostgreSQL: read it with
// `Boolean(…)`. Whole numbers (bigint columns too) come back as numbers on both.

/** The ordered number streams of DESIGN.md §5: catalog changes, document revisions, completions. */
export const STREAMS = ['catalog_seq', 'doc_rev', 'completion_seq'] as const;
export type Stream = (typeof STREAMS)[number];

export interface Tx {
  readonly dialect: 'sqlite' | 'pg';
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** The next number of `stream`; on PostgreSQL the first one a transaction takes is published to readers. */
  next(stream: Stream): Promise<number>;
  /** `count` ascending numbers of `stream`. */
  nextMany(stream: Stream, count: number): Promise<number[]>;
  /**
   * In a read: the highest number of `stream` that may be handed out as a cursor (DESIGN.md §5.3),
   * also the cursor of a reader that is caught up. SQLite has one writer, so it is the newest number
   * taken (read in this transaction's snapshot); PostgreSQL computes it before the snapshot for the
   * streams the read asked for (unbounded for the others, and in a write).
   */
  safe(stream: Stream): number;
  /** ` FOR UPDATE` on PostgreSQL, nothing on SQLite (one writer): append to a SELECT that decides a write. */
  readonly forUpdate: string;
  /** ` FOR SHARE` on PostgreSQL, nothing on SQLite. */
  readonly forShare: string;
  /** An SQL condition "`column` is one of the texts bound to the next `?`"; bind `tx.list(values)`. */
  inList(column: string): string;
  /** The bound form of a list of texts for `inList`. */
  list(values: readonly string[]): unknown;
  /** The text of `key` in the JSON object stored as text in `column` (as an index expression reads it). */
  jsonText(column: string, key: string): string;
  /** Runs `fn` in a savepoint: when it throws, only its writes are undone and the error goes on. */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * A table of the texts bound to the next `?` (as `tx.list(values)`), with columns `pos` (0-based
   * position) and `item`: `INSERT … SELECT ?, pos, item FROM ${tx.listItems()}` writes many rows in one
   * statement. With an ON CONFLICT clause, give the SELECT a WHERE (`WHERE true` will do): SQLite
   * cannot tell the upsert's ON from a join's otherwise.
   */
  listItems(): string;
}

/** The text of `key` in the JSON object stored as text in `column`, as `Tx.jsonText` and indexes read it. */
export const jsonText = (dialect: Tx['dialect'], column: string, key: string): string =>
  dialect === 'pg' ? `((${column})::jsonb ->> '${key}')` : `json_extract(${column}, '$.${key}')`;

/** Where a store's transactions come from: the one thing each dialect's connection layer provides. */
export interface TxSource {
  /** One write transaction, after (SQLite) or beside (PostgreSQL, with row locks) every other. */
  write<T>(fn: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** One read snapshot; `streams` are the ones whose safe points the read hands out. */
  read<T>(fn: (tx: Tx) => Promise<T>, streams?: readonly Stream[]): Promise<T>;
}

export interface WriteOptions {
  /**
   * SQLite: keep the transaction's statement journal (and temp tables) in memory instead of a temp
   * file. PostgreSQL ignores it.
   */
  memoryStatementJournal?: boolean;
}

/** Unbounded safe points: PostgreSQL's writes, and the streams a read did not ask for. */
export const UNBOUNDED: Readonly<Record<Stream, number>> = {
  catalog_seq: Number.MAX_SAFE_INTEGER,
  doc_rev: Number.MAX_SAFE_INTEGER,
  completion_seq: Number.MAX_SAFE_INTEGER,
};
