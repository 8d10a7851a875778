// The PostgreSQL schema as ordered steps, each applied once in its own transaction under an
// advisory lock, so several server instances starting together migrate only once.

import type { PoolClient } from 'pg';
import { documentTables, PG_TYPES } from '../schema-tables.js';
import { PG_HYBRID_AND_APPS } from './pg-migration-hybrid.js';
import { PG_LEASES_AND_OPERATORS } from './pg-migration-leases.js';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'settings, safe-cursor functions and catalog change log',
    sql: `
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
      CREATE SEQUENCE catalog_seq;
      CREATE TABLE catalog_horizon (one boolean PRIMARY KEY DEFAULT true CHECK (one), seq bigint NOT NULL);
      INSERT INTO catalog_horizon (seq) VALUES (0);
      CREATE TABLE catalog_rows (
        tbl text NOT NULL,
        id text COLLATE "C" NOT NULL,
        seq bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        json text,
        PRIMARY KEY (tbl, id)
      );
      CREATE UNIQUE INDEX catalog_rows_seq ON catalog_rows (seq);
      CREATE INDEX catalog_rows_live_seq ON catalog_rows (seq) WHERE NOT deleted;
      -- Checksum changes, one row per writing transaction: concurrent writers never contend on a
      -- running total, and a snapshot sums exactly the committed ones (protocol checksum.ts).
      CREATE TABLE catalog_checksum_deltas (tbl text NOT NULL, delta bigint NOT NULL);

      -- DESIGN.md §5.3. A writer's first number from a stream is taken under the stream's gate and
      -- published as an advisory lock held until its transaction ends; a reader, holding the gate
      -- for an instant, hands out cursors only below the oldest published number.
      CREATE FUNCTION shelfsync_reserve(stream regclass, tag bigint) RETURNS bigint
      LANGUAGE plpgsql AS $$
      DECLARE first bigint;
      BEGIN
        PERFORM pg_advisory_lock_shared(tag << 48);
        BEGIN
          first := nextval(stream);
          PERFORM pg_advisory_xact_lock((tag << 48) | first);
        EXCEPTION WHEN OTHERS THEN
          PERFORM pg_advisory_unlock_shared(tag << 48);
          RAISE;
        END;
        PERFORM pg_advisory_unlock_shared(tag << 48);
        RETURN first;
      END $$;

      CREATE FUNCTION shelfsync_safe_point(stream regclass, tag bigint) RETURNS bigint
      LANGUAGE plpgsql AS $$
      DECLARE allocated bigint; oldest bigint;
      BEGIN
        PERFORM pg_advisory_lock(tag << 48);
        BEGIN
          allocated := coalesce(pg_sequence_last_value(stream), 0);
          SELECT min(((l.classid::bigint << 32) | l.objid::bigint) & 281474976710655) INTO oldest
          FROM pg_locks l
          WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND (l.classid::bigint >> 16) = tag AND l.objid::bigint + (l.classid::bigint & 65535) > 0;
        EXCEPTION WHEN OTHERS THEN
          PERFORM pg_advisory_unlock(tag << 48);
          RAISE;
        END;
        PERFORM pg_advisory_unlock(tag << 48);
        RETURN least(allocated, coalesce(oldest - 1, allocated));
      END $$;
    `,
  },
  {
    version: 2,
    name: 'documents',
    sql: `
      CREATE SEQUENCE doc_rev;
      CREATE SEQUENCE completion_seq;
      ${documentTables(PG_TYPES)}
      CREATE TABLE fact_lines (
        doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        id text NOT NULL,
        ord bigserial NOT NULL,
        json text NOT NULL,
        PRIMARY KEY (doc_id, id)
      );
      CREATE INDEX fact_lines_order ON fact_lines (doc_id, ord);
      CREATE TABLE device_documents (
        device_id text NOT NULL,
        doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        PRIMARY KEY (device_id, doc_id)
      );
    `,
  },
  {
    version: 3,
    name: 'devices, enrollment and mutations',
    sql: `
      CREATE TABLE devices (
        id text PRIMARY KEY,
        name text NOT NULL,
        platform text,
        token_hash text NOT NULL UNIQUE,
        enrolled_at text NOT NULL,
        last_seen_at text,
        app_version text,
        protocol_version integer,
        backlog integer,
        storage_used double precision,
        storage_free double precision,
        revoked boolean NOT NULL DEFAULT false
      );
      CREATE TABLE enrollments (
        code_hash text PRIMARY KEY,
        expires_at text NOT NULL,
        created_at text NOT NULL,
        used_at text,
        device_id text
      );
      CREATE TABLE device_cursors (device_id text PRIMARY KEY, last_mutation bigint NOT NULL);
      CREATE TABLE device_mutations (
        device_id text NOT NULL,
        n bigint NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        error_code text,
        error_message text,
        applied_at text NOT NULL,
        PRIMARY KEY (device_id, n)
      );
    `,
  },
  {
    version: 4,
    name: 'open documents index for first loads',
    sql: `
      CREATE INDEX documents_open_rev ON documents (rev)
        WHERE status IN ('new', 'taken', 'in_progress', 'released');
    `,
  },
  { version: 5, name: 'leases, takeovers, cancelled reports and operators', sql: PG_LEASES_AND_OPERATORS },
  {
    version: 6,
    name: 'barcode index, stock by cell, app versions and device groups',
    sql: PG_HYBRID_AND_APPS,
  },
  {
    version: 7,
    name: 'device mutations by age, for retention',
    // Lets pruning (mutation-retention.ts) walk only the old records instead of the whole table.
    sql: 'CREATE INDEX device_mutations_applied_at ON device_mutations (applied_at);',
  },
];

/** Applies the steps newer than the schema's version; returns the versions applied. */
export async function migratePg(
  client: PoolClient,
  steps: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    // Serialises concurrent starts; the key is per schema so test schemas do not wait on each other.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('shelfsync-migrate:' || current_schema()))");
    await client.query(`CREATE TABLE IF NOT EXISTS migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await client.query<{ version: number }>('SELECT version FROM migrations');
    const have = new Set(done.rows.map((r) => r.version));
    for (const step of steps) {
      if (have.has(step.version)) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
      applied.push(step.version);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return applied;
}
