// Operators on SQLite: who is signed in on each device, what that lets the device pull, and the next
// document of a one-per-operator type for `claim {next}`. Runs inside the caller's transaction.
import type { DocumentType } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import {
  assigneeOf,
  candidateOf,
  isForOperator,
  namesOperators,
  type OperatorScope,
  onePerOperatorTypes,
  pickNext,
} from './operator-visibility.js';
import type { SqliteConnection } from './sqlite-connection.js';
import type { DocumentRow } from './sqlite-document-rows.js';
import { DOCUMENT_COLUMNS } from './sqlite-document-rows.js';

const OPEN = `status IN ('new', 'taken', 'in_progress', 'released')`;

export function readOperatorScope(
  conn: SqliteConnection,
  deviceId: string,
  types: readonly DocumentType[],
): OperatorScope {
  const row = conn.get<{ operator_id: string }>(
    'SELECT operator_id FROM device_operators WHERE device_id = ?',
    deviceId,
  );
  const operatorId = row?.operator_id ?? null;
  const user =
    operatorId === null
      ? undefined
      : conn.get<{ json: string }>(
          "SELECT json FROM catalog_rows WHERE tbl = 'users' AND id = ? AND deleted = 0",
          operatorId,
        );
  const groups = user ? ((JSON.parse(user.json) as { groups?: string[] }).groups ?? []) : [];
  return { operatorId, groups, onePerOperator: onePerOperatorTypes(types) };
}

/**
 * Records the operator and gives a new revision to the open documents assigned to operators that this
 * device was sent or that the new operator may see, so the next pull sends or revokes exactly those.
 */
export function setDeviceOperator(
  conn: SqliteConnection,
  deviceId: string,
  operatorId: string | null,
  types: readonly DocumentType[],
): void {
  if (operatorId === null) conn.run('DELETE FROM device_operators WHERE device_id = ?', deviceId);
  else {
    conn.run(
      `INSERT INTO device_operators (device_id, operator_id) VALUES (?, ?)
       ON CONFLICT (device_id) DO UPDATE SET operator_id = excluded.operator_id`,
      deviceId,
      operatorId,
    );
  }
  const scope = readOperatorScope(conn, deviceId, types);
  const rows = conn.all<{ id: string; header: string; delivered: number }>(
    `SELECT d.id, d.header, dd.doc_id IS NOT NULL AS delivered FROM documents d
     LEFT JOIN device_documents dd ON dd.device_id = ? AND dd.doc_id = d.id
     WHERE d.${OPEN} AND json_extract(d.header, '$.assignee') IS NOT NULL`,
    deviceId,
  );
  for (const row of rows) {
    const assignee = assigneeOf(row.header);
    if (!namesOperators(assignee) || !(row.delivered || isForOperator(assignee, scope))) continue;
    conn.run('UPDATE documents SET rev = ? WHERE id = ?', conn.next('doc_rev'), row.id);
  }
}

/** The pool document of `type` this device should do next; refused while it holds an unfinished one. */
export function nextForDevice(
  conn: SqliteConnection,
  deviceId: string,
  type: string,
  scope: OperatorScope,
): DocumentRow | undefined {
  refuseWhileBusy(conn, deviceId, type, null, scope);
  const rows = conn.all<DocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE ${OPEN} AND holder IS NULL AND type = ?
       AND (assignee_device IS NULL OR assignee_device = ?) ORDER BY rev LIMIT 1000`,
    type,
    deviceId,
  );
  const candidates = rows.map(candidateOf);
  return pickNext(candidates, deviceId, scope)?.row;
}

/** A one-per-operator type: this device may not take a second unfinished document of it. */
export function refuseWhileBusy(
  conn: SqliteConnection,
  deviceId: string,
  type: string,
  exceptId: string | null,
  scope: OperatorScope,
): void {
  if (!scope.onePerOperator.has(type)) return;
  const busy = conn.get<{ id: string }>(
    `SELECT id FROM documents WHERE holder = ? AND type = ? AND status IN ('taken', 'in_progress') AND id IS NOT ?`,
    deviceId,
    type,
    exceptId,
  );
  if (busy) {
    throw new ShelfsyncError(
      'DOC_TAKEN',
      `Finish document ${busy.id} first: one ${type} document at a time.`,
      {
        busy: busy.id,
      },
    );
  }
}
