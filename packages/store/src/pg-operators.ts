// Operators on PostgreSQL (rules mirror sqlite-operators.ts): who is signed in on each device, what
// that lets the device pull, and the next document of a one-per-operator type for `claim {next}`.
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
import type { PgDocumentRow } from './pg-document-rows.js';
import { PG_DOCUMENT_COLUMNS } from './pg-document-rows.js';
import type { PgTx } from './pg-tx.js';

const OPEN = `d.status IN ('new', 'taken', 'in_progress', 'released')`;

export async function readOperatorScope(
  tx: PgTx,
  deviceId: string,
  types: readonly DocumentType[],
): Promise<OperatorScope> {
  const row = await tx.one<{ operator_id: string }>(
    'SELECT operator_id FROM device_operators WHERE device_id = $1',
    [deviceId],
  );
  const operatorId = row?.operator_id ?? null;
  const user =
    operatorId === null
      ? undefined
      : await tx.one<{ json: string }>(
          "SELECT json FROM catalog_rows WHERE tbl = 'users' AND id = $1 AND NOT deleted",
          [operatorId],
        );
  const groups = user ? ((JSON.parse(user.json) as { groups?: string[] }).groups ?? []) : [];
  return { operatorId, groups, onePerOperator: onePerOperatorTypes(types) };
}

export async function setDeviceOperator(
  tx: PgTx,
  deviceId: string,
  operatorId: string | null,
  types: readonly DocumentType[],
): Promise<void> {
  if (operatorId === null) await tx.run('DELETE FROM device_operators WHERE device_id = $1', [deviceId]);
  else {
    await tx.run(
      `INSERT INTO device_operators (device_id, operator_id) VALUES ($1, $2)
       ON CONFLICT (device_id) DO UPDATE SET operator_id = excluded.operator_id`,
      [deviceId, operatorId],
    );
  }
  const scope = await readOperatorScope(tx, deviceId, types);
  const rows = await tx.all<{ id: string; header: string; delivered: boolean }>(
    `SELECT d.id, d.header, dd.doc_id IS NOT NULL AS delivered FROM documents d
     LEFT JOIN device_documents dd ON dd.device_id = $1 AND dd.doc_id = d.id
     WHERE ${OPEN} AND (d.header::jsonb) ? 'assignee' ORDER BY d.id FOR UPDATE OF d`,
    [deviceId],
  );
  for (const row of rows) {
    const assignee = assigneeOf(row.header);
    if (!namesOperators(assignee) || !(row.delivered || isForOperator(assignee, scope))) continue;
    await tx.run('UPDATE documents SET rev = $2 WHERE id = $1', [row.id, await tx.next('doc_rev')]);
  }
}

export async function nextForDevice(
  tx: PgTx,
  deviceId: string,
  type: string,
  scope: OperatorScope,
): Promise<PgDocumentRow | undefined> {
  await refuseWhileBusy(tx, deviceId, type, null, scope);
  const rows = await tx.all<PgDocumentRow>(
    `SELECT ${PG_DOCUMENT_COLUMNS} FROM documents d WHERE ${OPEN} AND d.holder IS NULL AND d.type = $1
       AND (d.assignee_device IS NULL OR d.assignee_device = $2) ORDER BY d.rev LIMIT 1000`,
    [type, deviceId],
  );
  const candidates = rows.map(candidateOf);
  const picked = pickNext(candidates, deviceId, scope)?.row;
  if (!picked) return undefined;
  // Locked now; a concurrent claim that got it first shows as a holder and is refused by the caller.
  return tx.one<PgDocumentRow>(`SELECT ${PG_DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1 FOR UPDATE`, [
    picked.id,
  ]);
}

export async function refuseWhileBusy(
  tx: PgTx,
  deviceId: string,
  type: string,
  exceptId: string | null,
  scope: OperatorScope,
): Promise<void> {
  if (!scope.onePerOperator.has(type)) return;
  const busy = await tx.one<{ id: string }>(
    `SELECT id FROM documents WHERE holder = $1 AND type = $2 AND status IN ('taken', 'in_progress')
       AND id IS DISTINCT FROM $3::text`,
    [deviceId, type, exceptId],
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
