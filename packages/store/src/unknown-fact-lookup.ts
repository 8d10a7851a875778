// Resolving unknown facts inside a push (resolve-unknown-fact.ts), on each dialect: the barcode index
// and the document's plan lines are read in the batch's own transaction.
import type { FactLine, PlanLine } from '@shelfsync/protocol';
import { type BarcodeMatchRow, barcodeMatchOf, FIND_BY_BARCODE_SQL } from './barcode-match.js';
import { type PgTx, toPgPlaceholders } from './pg-tx.js';
import { isResolvable, resolveUnknownFact } from './resolve-unknown-fact.js';
import type { SqliteConnection } from './sqlite-connection.js';

const PLAN_LINES_SQL = 'SELECT json FROM plan_lines WHERE doc_id = ? ORDER BY pos';

export function resolveFactOnSqlite(conn: SqliteConnection, docId: string, fact: FactLine): FactLine {
  if (!isResolvable(fact)) return fact;
  const match = barcodeMatchOf(conn.get<BarcodeMatchRow>(FIND_BY_BARCODE_SQL, fact.barcode));
  if (!match.product) return fact;
  const lines = conn.all<{ json: string }>(PLAN_LINES_SQL, docId).map((r) => JSON.parse(r.json) as PlanLine);
  return resolveUnknownFact(fact, match, lines);
}

export async function resolveFactOnPg(tx: PgTx, docId: string, fact: FactLine): Promise<FactLine> {
  if (!isResolvable(fact)) return fact;
  const row = await tx.one<BarcodeMatchRow>(toPgPlaceholders(FIND_BY_BARCODE_SQL), [fact.barcode]);
  const match = barcodeMatchOf(row);
  if (!match.product) return fact;
  const rows = await tx.all<{ json: string }>(toPgPlaceholders(PLAN_LINES_SQL), [docId]);
  return resolveUnknownFact(
    fact,
    match,
    rows.map((r) => JSON.parse(r.json) as PlanLine),
  );
}
