// Migration step 6 on PostgreSQL: the barcode index behind hybrid lookup (kept by a trigger, so every
// catalog write path maintains it in its own transaction), stock by cell, terminal app versions,
// device groups and their assignment history. Mirrors sqlite-migration-hybrid.ts.
export const PG_HYBRID_AND_APPS = `
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
    ON CONFLICT DO NOTHING;

  CREATE TABLE stock (
    product_id text NOT NULL, warehouse_id text NOT NULL DEFAULT '', cell_id text NOT NULL,
    qty double precision NOT NULL, updated_at text NOT NULL,
    PRIMARY KEY (product_id, warehouse_id, cell_id)
  );

  CREATE TABLE app_versions (
    version text PRIMARY KEY, notes text NOT NULL, min_protocol integer NOT NULL, created_at text NOT NULL
  );
  CREATE TABLE device_groups (device_id text PRIMARY KEY, grp text NOT NULL);
  CREATE TABLE app_assignments (
    n bigserial PRIMARY KEY, grp text NOT NULL, version text NOT NULL,
    assigned_at text NOT NULL, rolled_back_at text
  );
  CREATE INDEX app_assignments_grp ON app_assignments (grp, n);
  -- The built PWA of each version, in the database so every instance serves the same files.
  CREATE TABLE app_files (
    version text NOT NULL, path text NOT NULL, content_type text NOT NULL, bytes bytea NOT NULL,
    PRIMARY KEY (version, path)
  );
  ALTER TABLE devices ADD COLUMN config_version text;
`;
