// Assignment to operators and groups, and the one-document-per-operator rule (DESIGN.md §4): pure
// rules that refine document-visibility.ts for the device's signed-in operator. Shared by both stores.
import type { Assignee } from '@shelfsync/protocol';

/** Who works on a device now, and what the document types demand. */
export interface OperatorScope {
  /** The signed-in operator; null when nobody signed in. */
  operatorId: string | null;
  /** The operator's groups from the users catalog. */
  groups: readonly string[];
  /** Types whose pool documents are issued one at a time by `claim {next}` instead of pulled. */
  onePerOperator: ReadonlySet<string>;
}

export const NO_OPERATOR: OperatorScope = { operatorId: null, groups: [], onePerOperator: new Set() };

export interface AssignedDocument {
  type: string;
  holder: string | null;
  assigneeDevice: string | null;
  assignee: Assignee | null;
}

/** The header's assignee, read from the stored header JSON. */
export function assigneeOf(headerJson: string): Assignee | null {
  return (JSON.parse(headerJson) as { assignee?: Assignee | null }).assignee ?? null;
}

export function namesOperators(a: Assignee | null): boolean {
  return (a?.userIds?.length ?? 0) > 0 || a?.group !== undefined;
}

/** Assigned to this operator by name or by one of its groups. */
export function isForOperator(a: Assignee | null, scope: OperatorScope): boolean {
  if (scope.operatorId === null || !a) return false;
  return (
    (a.userIds ?? []).includes(scope.operatorId) || (a.group !== undefined && scope.groups.includes(a.group))
  );
}

/** Assigned to this device or its operator: offered first. */
export function isPersonal(doc: AssignedDocument, deviceId: string, scope: OperatorScope): boolean {
  return doc.assigneeDevice === deviceId || isForOperator(doc.assignee, scope);
}

/**
 * Null when this device's operator may receive the document (already device-visible), else why not.
 * A document the device holds stays with it whoever signs in: its work must not vanish.
 */
export function operatorRefusal(
  doc: AssignedDocument,
  deviceId: string,
  scope: OperatorScope,
): string | null {
  if (doc.holder === deviceId) return null;
  if (namesOperators(doc.assignee) && !isForOperator(doc.assignee, scope))
    return 'assigned to another operator';
  const pool = doc.holder === null && doc.assigneeDevice === null && !namesOperators(doc.assignee);
  if (pool && scope.onePerOperator.has(doc.type)) return 'issued one at a time';
  return null;
}

export function onePerOperatorTypes(
  types: readonly { id: string; onePerOperator?: boolean | undefined }[],
): Set<string> {
  return new Set(types.filter((t) => t.onePerOperator === true).map((t) => t.id));
}

/** A pool candidate for `claim {next}`, with what ordering needs. */
export interface Candidate extends AssignedDocument {
  id: string;
  priority: number;
  date: string;
}

/** The stored columns a claim ranks documents by (both stores name them alike). */
export interface CandidateRow {
  id: string;
  type: string;
  holder: string | null;
  assignee_device: string | null;
  header: string;
  created_at: string;
}

/** A stored document as a claim candidate, keeping the row for the caller. */
export function candidateOf<R extends CandidateRow>(row: R): Candidate & { row: R } {
  const header = JSON.parse(row.header) as { priority?: number; date?: string };
  return {
    row,
    id: row.id,
    type: row.type,
    holder: row.holder,
    assigneeDevice: row.assignee_device,
    assignee: assigneeOf(row.header),
    priority: header.priority ?? 0,
    date: header.date ?? row.created_at,
  };
}

/**
 * The candidates `claim {next}` may give, best first: personal first, then by priority, then by date
 * (older first). A store tries them in this order when a concurrent claim took the first.
 */
export function rankNext<C extends Candidate>(
  candidates: readonly C[],
  deviceId: string,
  scope: OperatorScope,
): C[] {
  const allowed = candidates.filter((c) => !namesOperators(c.assignee) || isForOperator(c.assignee, scope));
  const rank = (c: C) => (isPersonal(c, deviceId, scope) ? 0 : 1);
  return allowed.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.priority - a.priority ||
      a.date.localeCompare(b.date) ||
      a.id.localeCompare(b.id),
  );
}

/** The document `claim {next}` gives. */
export function pickNext<C extends Candidate>(
  candidates: readonly C[],
  deviceId: string,
  scope: OperatorScope,
): C | undefined {
  return rankNext(candidates, deviceId, scope)[0];
}
