// The PostgreSQL schema (migrations.ts has the steps) and its migration runner: the steps not yet
// applied, in one transaction under an advisory lock, so several server instances starting together
// migrate only once.
import type { PoolClient } from 'pg';
import { type Migration, migrationSteps } from '../migrations.js';

export type PgMigration = Migration;

export const PG_MIGRATIONS: readonly Migration[] = migrationSteps({
  dialect: 'pg',
  text: 'text',
  int: 'integer',
  bigint: 'bigint',
  real: 'double precision',
  blob: 'bytea',
  bool: 'boolean',
  false: 'false',
  catalogId: 'text COLLATE "C"',
  live: 'NOT deleted',
  serialKey: 'bigserial PRIMARY KEY',
  keyed: '',
  own: {
    name1: 'settings, safe-cursor functions and catalog change log',
    1: `
      CREATE SEQUENCE catalog_seq;
      CREATE TABLE catalog_horizon (one boolean PRIMARY KEY DEFAULT true CHECK (one), seq bigint NOT NULL);
      INSERT INTO catalog_horizon (seq) VALUES (0);
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
      END $$;`,
    2: `
      CREATE SEQUENCE doc_rev;
      CREATE SEQUENCE completion_seq;
      CREATE TABLE fact_lines (
        doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        id text NOT NULL,
        ord bigserial NOT NULL,
        json text NOT NULL,
        PRIMARY KEY (doc_id, id)
      );
      CREATE INDEX fact_lines_order ON fact_lines (doc_id, ord);`,
    // The barcode index behind hybrid lookup, kept by a trigger so every catalog write path maintains
    // it in its own transaction, and filled from the rows stored before.
    6: `
      CREATE TABLE catalog_barcodes (
        code text NOT NULL, tbl text NOT NULL, id text COLLATE "C" NOT NULL, packing_id text NOT NULL DEFAULT '',
        PRIMARY KEY (code, tbl, id, packing_id)
      );
      CREATE INDEX catalog_barcodes_row ON catalog_barcodes (tbl, id);
      CREATE FUNCTION catalog_barcodes_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          DELETE FROM catalog_barcodes WHERE tbl = OLD.tbl AND id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' AND NOT NEW.deleted AND NEW.tbl IN ('products', 'cells') THEN
          INSERT INTO catalog_barcodes (code, tbl, id, packing_id)
            SELECT b, NEW.tbl, NEW.id, '' FROM jsonb_array_elements_text(coalesce(NEW.json::jsonb -> 'barcodes', '[]')) AS b
            UNION ALL
            SELECT b, NEW.tbl, NEW.id, p ->> 'id'
              FROM jsonb_array_elements(coalesce(NEW.json::jsonb -> 'packings', '[]')) AS p,
                   jsonb_array_elements_text(coalesce(p -> 'barcodes', '[]')) AS b
              WHERE p ->> 'id' IS NOT NULL
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER catalog_barcodes_sync AFTER INSERT OR UPDATE OR DELETE ON catalog_rows
        FOR EACH ROW EXECUTE FUNCTION catalog_barcodes_sync();
      INSERT INTO catalog_barcodes (code, tbl, id, packing_id)
        SELECT b, r.tbl, r.id, '' FROM catalog_rows AS r,
          jsonb_array_elements_text(coalesce(r.json::jsonb -> 'barcodes', '[]')) AS b
          WHERE NOT r.deleted AND r.tbl IN ('products', 'cells')
        UNION ALL
        SELECT b, r.tbl, r.id, p ->> 'id' FROM catalog_rows AS r,
          jsonb_array_elements(coalesce(r.json::jsonb -> 'packings', '[]')) AS p,
          jsonb_array_elements_text(coalesce(p -> 'barcodes', '[]')) AS b
          WHERE NOT r.deleted AND r.tbl = 'products' AND p ->> 'id' IS NOT NULL
        ON CONFLICT DO NOTHING;`,
  },
});

/** Applies the steps newer than the schema's version; returns the versions applied. */
export async function migratePg(
  client: PoolClient,
  steps: readonly Migration[] = PG_MIGRATIONS,
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
