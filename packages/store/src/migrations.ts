// The schema as an ordered list of steps, written once for both databases: a step's tables differ
// only in column type names (`SchemaDialect`), and what truly differs (SQLite's counters and
// running checksums, PostgreSQL's sequences and safe-cursor functions, the barcode triggers) is the
// dialect's own part of the step (sqlite-migrations.ts, pg-migrations.ts). A step never changes in
// meaning once released: new needs get a new step. Each step is recorded in `migrations`.
import { jsonText } from './tx.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface SchemaDialect {
  dialect: 'sqlite' | 'pg';
  text: string;
  int: string;
  bigint: string;
  real: string;
  blob: string;
  bool: string;
  false: string;
  /** Catalog row ids (compared byte-wise on PostgreSQL, as SQLite does). */
  catalogId: string;
  /** The condition "a live catalog row", as the queries that use the partial index write it. */
  live: string;
  /** An auto-numbered primary key column's type and constraint. */
  serialKey: string;
  /** Appended to a table with a primary key that needs no separate row id (SQLite). */
  keyed: string;
  /** The dialect's own part of the steps that have one, and step 1's name. */
  own: { name1: string; 1: string; 2: string; 6: string };
}

export const migrationSteps = (t: SchemaDialect): Migration[] => [
  {
    version: 1,
    name: t.own.name1,
    sql: `
      CREATE TABLE meta (key ${t.text} PRIMARY KEY, value ${t.text} NOT NULL)${t.keyed};
      CREATE TABLE settings (key ${t.text} PRIMARY KEY, value ${t.text} NOT NULL)${t.keyed};
      -- Current version of every catalog row; a deleted row stays as a tombstone (json NULL).
      CREATE TABLE catalog_rows (
        tbl ${t.text} NOT NULL,
        id ${t.catalogId} NOT NULL,
        seq ${t.bigint} NOT NULL,
        deleted ${t.bool} NOT NULL DEFAULT ${t.false},
        json ${t.text},
        PRIMARY KEY (tbl, id)
      )${t.keyed};
      CREATE UNIQUE INDEX catalog_rows_seq ON catalog_rows (seq);
      CREATE INDEX catalog_rows_live_seq ON catalog_rows (seq) WHERE ${t.live};
      ${t.own[1]}`,
  },
  {
    version: 2,
    name: 'documents',
    sql: `
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
      -- Which documents each device was sent, so later pulls can tell it to drop them.
      CREATE TABLE device_documents (
        device_id ${t.text} NOT NULL,
        doc_id ${t.text} NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        PRIMARY KEY (device_id, doc_id)
      )${t.keyed};
      ${t.own[2]}`,
  },
  {
    version: 3,
    name: 'devices, enrollment and mutations',
    sql: `
      CREATE TABLE devices (
        id ${t.text} PRIMARY KEY,
        name ${t.text} NOT NULL,
        platform ${t.text},
        token_hash ${t.text} NOT NULL UNIQUE,
        enrolled_at ${t.text} NOT NULL,
        last_seen_at ${t.text},
        app_version ${t.text},
        protocol_version ${t.int},
        backlog ${t.int},
        storage_used ${t.real},
        storage_free ${t.real},
        revoked ${t.bool} NOT NULL DEFAULT ${t.false}
      );
      CREATE TABLE enrollments (
        code_hash ${t.text} PRIMARY KEY,
        expires_at ${t.text} NOT NULL,
        created_at ${t.text} NOT NULL,
        used_at ${t.text},
        device_id ${t.text}
      )${t.keyed};
      -- Kept apart from devices so a push never depends on the registry row (bundles, tests).
      CREATE TABLE device_cursors (device_id ${t.text} PRIMARY KEY, last_mutation ${t.bigint} NOT NULL)${t.keyed};
      CREATE TABLE device_mutations (
        device_id ${t.text} NOT NULL,
        n ${t.bigint} NOT NULL,
        kind ${t.text} NOT NULL,
        status ${t.text} NOT NULL,
        error_code ${t.text},
        error_message ${t.text},
        applied_at ${t.text} NOT NULL,
        PRIMARY KEY (device_id, n)
      )${t.keyed};`,
  },
  {
    version: 4,
    name: 'open documents index for first loads',
    sql: `CREATE INDEX documents_open_rev ON documents (rev)
      WHERE status IN ('new', 'taken', 'in_progress', 'released');`,
  },
  {
    version: 5,
    name: 'leases, takeovers, cancelled reports and operators',
    sql: `
      -- When the holder took the document and last sent work on it (lease expiry counts from it).
      ALTER TABLE documents ADD COLUMN lease_since ${t.text};
      ALTER TABLE documents ADD COLUMN lease_touched_at ${t.text};
      -- The device an admin or an expiry took the document from: it is told 'taken over'.
      ALTER TABLE documents ADD COLUMN taken_from ${t.text};
      CREATE INDEX documents_held ON documents (lease_touched_at)
        WHERE holder IS NOT NULL AND status IN ('taken', 'in_progress');
      -- Cancelled documents with facts are listed for the accounting side by completion_seq.
      CREATE INDEX documents_cancelled ON documents (completion_seq) WHERE status = 'cancelled';
      -- The expression claims by barcode use (Tx.jsonText).
      CREATE INDEX documents_open_barcode ON documents (${jsonText(t.dialect, 'header', 'barcode')})
        WHERE status IN ('new', 'taken', 'in_progress', 'released');
      -- The operator signed in on each device (assignment to users and groups).
      CREATE TABLE device_operators (device_id ${t.text} PRIMARY KEY, operator_id ${t.text} NOT NULL)${t.keyed};`,
  },
  {
    version: 6,
    name: 'barcode index, stock by cell, app versions and device groups',
    sql: `
      ${t.own[6]}
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
      ALTER TABLE devices ADD COLUMN config_version ${t.text};`,
  },
  {
    version: 7,
    name: 'device mutations by age, for retention',
    // Lets pruning (mutation-retention.ts) walk only the old records instead of the whole table.
    sql: 'CREATE INDEX device_mutations_applied_at ON device_mutations (applied_at);',
  },
];
