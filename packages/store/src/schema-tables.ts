// Tables whose definition is the same on both databases but for column type names, written once
// for the migration steps of sqlite/ and pg/ (a released step's SQL must not change in meaning).

export interface ColumnTypes {
  text: string;
  int: string;
  bigint: string;
  real: string;
  blob: string;
  /** An auto-numbered primary key column's type and constraint. */
  serialKey: string;
  /** Appended to a table with a primary key that needs no separate row id (SQLite). */
  keyed: string;
}

export const SQLITE_TYPES: ColumnTypes = {
  text: 'TEXT',
  int: 'INTEGER',
  bigint: 'INTEGER',
  real: 'REAL',
  blob: 'BLOB',
  serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  keyed: ' WITHOUT ROWID',
};

export const PG_TYPES: ColumnTypes = {
  text: 'text',
  int: 'integer',
  bigint: 'bigint',
  real: 'double precision',
  blob: 'bytea',
  serialKey: 'bigserial PRIMARY KEY',
  keyed: '',
};

/** Step 2: documents and their plan lines. */
export const documentTables = (t: ColumnTypes): string => `
  CREATE TABLE documents (
    id ${t.text} PRIMARY KEY,
    type ${t.text} NOT NULL,
    status ${t.text} NOT NULL,
    rev ${t.bigint} NOT NULL,
    holder ${t.text},
    assignee_device ${t.text},
    origin ${t.text} NOT NULL,
    header ${t.text} NOT NULL,
    created_at ${t.text} NOT NULL,
    updated_at ${t.text} NOT NULL,
    completed_at ${t.text},
    cancel_reason ${t.text},
    completion_seq ${t.bigint}
  );
  CREATE UNIQUE INDEX documents_rev ON documents (rev);
  CREATE INDEX documents_completed ON documents (completion_seq) WHERE status = 'completed';
  CREATE TABLE plan_lines (
    doc_id ${t.text} NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    pos ${t.int} NOT NULL,
    json ${t.text} NOT NULL,
    PRIMARY KEY (doc_id, pos)
  )${t.keyed};
`;

/** Step 6, after the barcode index: stock by cell, app versions, device groups and assignments. */
export const stockAndAppTables = (t: ColumnTypes): string => `
  CREATE TABLE stock (
    product_id ${t.text} NOT NULL, warehouse_id ${t.text} NOT NULL DEFAULT '', cell_id ${t.text} NOT NULL,
    qty ${t.real} NOT NULL, updated_at ${t.text} NOT NULL,
    PRIMARY KEY (product_id, warehouse_id, cell_id)
  )${t.keyed};
  CREATE TABLE app_versions (
    version ${t.text} PRIMARY KEY, notes ${t.text} NOT NULL, min_protocol ${t.int} NOT NULL, created_at ${t.text} NOT NULL
  )${t.keyed};
  CREATE TABLE device_groups (device_id ${t.text} PRIMARY KEY, grp ${t.text} NOT NULL)${t.keyed};
  -- Every assignment is kept; the group's current version is its newest one not rolled back.
  CREATE TABLE app_assignments (
    n ${t.serialKey}, grp ${t.text} NOT NULL, version ${t.text} NOT NULL,
    assigned_at ${t.text} NOT NULL, rolled_back_at ${t.text}
  );
  CREATE INDEX app_assignments_grp ON app_assignments (grp, n);
  -- The built PWA of each version, in the database so every instance serves the same files.
  CREATE TABLE app_files (
    version ${t.text} NOT NULL, path ${t.text} NOT NULL, content_type ${t.text} NOT NULL, bytes ${t.blob} NOT NULL,
    PRIMARY KEY (version, path)
  )${t.keyed};
  ALTER TABLE devices ADD COLUMN config_version ${t.text};
`;
