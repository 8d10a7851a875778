// Migration step 6 on SQLite: the barcode index behind hybrid lookup (kept by triggers, so every
// catalog write path, bulk or single, maintains it in its own transaction), stock by cell, terminal
// app versions, device groups and their assignment history.
import { SQLITE_TYPES, stockAndAppTables } from '../schema-tables.js';

const BARCODES_OF_NEW = `
  INSERT OR IGNORE INTO catalog_barcodes (code, tbl, id, packing_id)
    SELECT b.value, NEW.tbl, NEW.id, '' FROM json_each(NEW.json, '$.barcodes') AS b
      WHERE NEW.deleted = 0 AND b.type = 'text'
    UNION ALL
    SELECT b.value, NEW.tbl, NEW.id, json_extract(p.value, '$.id')
      FROM json_each(NEW.json, '$.packings') AS p, json_each(p.value, '$.barcodes') AS b
      WHERE NEW.deleted = 0 AND b.type = 'text' AND json_extract(p.value, '$.id') IS NOT NULL;`;

export const SQLITE_HYBRID_AND_APPS = `
  CREATE TABLE catalog_barcodes (
    code TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL, packing_id TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (code, tbl, id, packing_id)
  ) WITHOUT ROWID;
  CREATE INDEX catalog_barcodes_row ON catalog_barcodes (tbl, id);
  CREATE TRIGGER catalog_barcodes_insert AFTER INSERT ON catalog_rows
    WHEN NEW.tbl IN ('products', 'cells')
  BEGIN ${BARCODES_OF_NEW}
  END;
  CREATE TRIGGER catalog_barcodes_update AFTER UPDATE ON catalog_rows
    WHEN NEW.tbl IN ('products', 'cells')
  BEGIN
    DELETE FROM catalog_barcodes WHERE tbl = OLD.tbl AND id = OLD.id; ${BARCODES_OF_NEW}
  END;
  CREATE TRIGGER catalog_barcodes_delete AFTER DELETE ON catalog_rows
  BEGIN
    DELETE FROM catalog_barcodes WHERE tbl = OLD.tbl AND id = OLD.id;
  END;
  INSERT OR IGNORE INTO catalog_barcodes (code, tbl, id, packing_id)
    SELECT b.value, r.tbl, r.id, '' FROM catalog_rows AS r, json_each(r.json, '$.barcodes') AS b
      WHERE r.deleted = 0 AND r.tbl IN ('products', 'cells') AND b.type = 'text'
    UNION ALL
    SELECT b.value, r.tbl, r.id, json_extract(p.value, '$.id')
      FROM catalog_rows AS r, json_each(r.json, '$.packings') AS p, json_each(p.value, '$.barcodes') AS b
      WHERE r.deleted = 0 AND r.tbl = 'products' AND b.type = 'text' AND json_extract(p.value, '$.id') IS NOT NULL;

${stockAndAppTables(SQLITE_TYPES)}`;
