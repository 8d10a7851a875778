// Migration step 6 on SQLite: the barcode index behind hybrid lookup (kept by triggers, so every
// catalog write path, bulk or single, maintains it in its own transaction), stock by cell, terminal
// app versions, device groups and their assignment history.
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

  CREATE TABLE stock (
    product_id TEXT NOT NULL, warehouse_id TEXT NOT NULL DEFAULT '', cell_id TEXT NOT NULL,
    qty REAL NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (product_id, warehouse_id, cell_id)
  ) WITHOUT ROWID;

  CREATE TABLE app_versions (
    version TEXT PRIMARY KEY, notes TEXT NOT NULL, min_protocol INTEGER NOT NULL, created_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE device_groups (device_id TEXT PRIMARY KEY, grp TEXT NOT NULL) WITHOUT ROWID;
  -- Every assignment is kept; the group's current version is its newest one not rolled back.
  CREATE TABLE app_assignments (
    n INTEGER PRIMARY KEY AUTOINCREMENT, grp TEXT NOT NULL, version TEXT NOT NULL,
    assigned_at TEXT NOT NULL, rolled_back_at TEXT
  );
  CREATE INDEX app_assignments_grp ON app_assignments (grp, n);
  -- The built PWA of each version, in the database so every instance serves the same files.
  CREATE TABLE app_files (
    version TEXT NOT NULL, path TEXT NOT NULL, content_type TEXT NOT NULL, bytes BLOB NOT NULL,
    PRIMARY KEY (version, path)
  ) WITHOUT ROWID;
  ALTER TABLE devices ADD COLUMN config_version TEXT;
`;
