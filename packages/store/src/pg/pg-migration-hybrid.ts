// Migration step 6 on PostgreSQL: the barcode index behind hybrid lookup (kept by a trigger, so every
// catalog write path maintains it in its own transaction), stock by cell, terminal app versions,
// device groups and their assignment history. Mirrors sqlite-migration-hybrid.ts.
import { PG_TYPES, stockAndAppTables } from '../schema-tables.js';
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

${stockAndAppTables(PG_TYPES)}`;
