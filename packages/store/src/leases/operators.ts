// Operators: who is signed in on each device, what that lets the device pull, and the next document
// of a one-per-operator type for `claim {next}`. Written once over Tx; the rules are in operator-visibility.ts.
import type { DocumentType } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import { DOCUMENT_COLUMNS, type DocumentRow } from '../documents/document-rows.js';
import type { Tx } from '../tx.js';
import {
  assigneeOf,
  candidateOf,
  isForOperator,
  namesOperators,
  type OperatorScope,
  onePerOperatorTypes,
  rankNext,
} from './operator-visibility.js';

const OPEN = `d.status IN ('new', 'taken', 'in_progress', 'released')`;

export async function readOperatorScope(
  tx: Tx,
  deviceId: string,
  types: readonly DocumentType[],
): Promise<OperatorScope> {
  const row = await tx.get<{ operator_id: string }>(
    'SELECT operator_id FROM device_operators WHERE device_id = ?',
    [deviceId],
  );
  const operatorId = row?.operator_id ?? null;
  const user =
    operatorId === null
      ? undefined
      : await tx.get<{ json: string }>(
          "SELECT json FROM catalog_rows WHERE tbl = 'users' AND id = ? AND NOT deleted",
          [operatorId],
        );
  const groups = user ? ((JSON.parse(user.json) as { groups?: string[] }).groups ?? []) : [];
  return { operatorId, groups, onePerOperator: onePerOperatorTypes(types) };
}

/**
 * Records the operator and gives a new revision to the open documents assigned to operators that this
 * device was sent or that the new operator may see, so the next pull sends or revokes exactly those.
 */
export async function setDeviceOperator(
  tx: Tx,
  deviceId: string,
  operatorId: string | null,
  types: readonly DocumentType[],
): Promise<void> {
  if (operatorId === null) await tx.run('DELETE FROM device_operators WHERE device_id = ?', [deviceId]);
  else {
    await tx.run(
      `INSERT INTO device_operators (device_id, operator_id) VALUES (?, ?)
       ON CONFLICT (device_id) DO UPDATE SET operator_id = excluded.operator_id`,
      [deviceId, operatorId],
    );
  }
  const scope = await readOperatorScope(tx, deviceId, types);
  // Locked in id order where rows are locked, so two devices signing in at once cannot deadlock;
  // unordered, SQLite walks only the open documents (a partial index) instead of the whole table.
  const lockInOrder = tx.forUpdate === '' ? '' : ` ORDER BY d.id${tx.forUpdate}`;
  const rows = await tx.all<{ id: string; header: string; delivered: unknown }>(
    `SELECT d.id, d.header,
       EXISTS (SELECT 1 FROM device_documents dd WHERE dd.device_id = ? AND dd.doc_id = d.id) AS delivered
     FROM documents d WHERE ${OPEN} AND ${tx.jsonText('d.header', 'assignee')} IS NOT NULL${lockInOrder}`,
    [deviceId],
  );
  for (const row of rows) {
    const assignee = assigneeOf(row.header);
    if (!namesOperators(assignee) || !(Boolean(row.delivered) || isForOperator(assignee, scope))) continue;
    await tx.run('UPDATE documents SET rev = ? WHERE id = ?', [await tx.next('doc_rev'), row.id]);
  }
}

/**
 * The pool document of `type` this device should do next, locked; refused while it holds an
 * unfinished one.
 */
export async function nextForDevice(
  tx: Tx,
  deviceId: string,
  type: string,
  scope: OperatorScope,
): Promise<DocumentRow | undefined> {
  await refuseWhileBusy(tx, deviceId, type, null, scope);
  const free = `${OPEN} AND d.holder IS NULL AND d.type = ? AND (d.assignee_device IS NULL OR d.assignee_device = ?)`;
  const rows = await tx.all<DocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE ${free} ORDER BY d.rev LIMIT 1000`,
    [type, deviceId],
  );
  for (const candidate of rankNext(rows.map(candidateOf), deviceId, scope)) {
    // Locked, then checked again: a claim on another server instance may have taken it (or an
    // import reassigned it) since the list was read. Then the next best is tried, never the same one.
    const row = await tx.get<DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ? AND ${free}${tx.forUpdate}`,
      [candidate.id, type, deviceId],
    );
    if (row && rankNext([candidateOf(row)], deviceId, scope).length > 0) return row;
  }
  return undefined;
}

/** A one-per-operator type: this device may not take a second unfinished document of it. */
export async function refuseWhileBusy(
  tx: Tx,
  deviceId: string,
  type: string,
  exceptId: string | null,
  scope: OperatorScope,
): Promise<void> {
  if (!scope.onePerOperator.has(type)) return;
  const busy = await tx.get<{ id: string }>(
    `SELECT id FROM documents WHERE holder = ? AND type = ? AND status IN ('taken', 'in_progress')
       AND id IS DISTINCT FROM CAST(? AS TEXT)`,
    [deviceId, type, exceptId],
  );
  if (busy) {
    throw new ShelfsyncError(
      'DOC_TAKEN',
      `Finish document ${busy.id} first: one ${type} document at a time.`,
      { busy: busy.id },
    );
  }
}
