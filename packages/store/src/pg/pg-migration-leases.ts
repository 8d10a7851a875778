// Migration step 5 on PostgreSQL: leases, takeovers, reports of cancelled documents, signed-in operators.
export const PG_LEASES_AND_OPERATORS = `
  ALTER TABLE documents ADD COLUMN lease_since text, ADD COLUMN lease_touched_at text,
    ADD COLUMN taken_from text;
  CREATE INDEX documents_held ON documents (lease_touched_at)
    WHERE holder IS NOT NULL AND status IN ('taken', 'in_progress');
  CREATE INDEX documents_cancelled ON documents (completion_seq) WHERE status = 'cancelled';
  CREATE INDEX documents_open_barcode ON documents (((header::jsonb) ->> 'barcode'))
    WHERE status IN ('new', 'taken', 'in_progress', 'released');
  CREATE TABLE device_operators (device_id text PRIMARY KEY, operator_id text NOT NULL);
`;
