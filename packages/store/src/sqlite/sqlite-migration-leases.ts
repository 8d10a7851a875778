// Migration step 5 on SQLite: leases, takeovers, reports of cancelled documents, signed-in operators.
export const SQLITE_LEASES_AND_OPERATORS = `
  -- When the holder took the document and last sent work on it (lease expiry counts from it).
  ALTER TABLE documents ADD COLUMN lease_since TEXT;
  ALTER TABLE documents ADD COLUMN lease_touched_at TEXT;
  -- The device an admin or an expiry took the document from: it is told 'taken over'.
  ALTER TABLE documents ADD COLUMN taken_from TEXT;
  CREATE INDEX documents_held ON documents (lease_touched_at)
    WHERE holder IS NOT NULL AND status IN ('taken', 'in_progress');
  -- Cancelled documents with facts are listed for the accounting side by completion_seq.
  CREATE INDEX documents_cancelled ON documents (completion_seq) WHERE status = 'cancelled';
  CREATE INDEX documents_open_barcode ON documents (json_extract(header, '$.barcode'))
    WHERE status IN ('new', 'taken', 'in_progress', 'released');
  -- The operator signed in on each device (assignment to users and groups).
  CREATE TABLE device_operators (device_id TEXT PRIMARY KEY, operator_id TEXT NOT NULL) WITHOUT ROWID;
`;
