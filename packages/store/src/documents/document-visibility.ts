// Which documents a device should hold (DESIGN.md §4): pure rules shared by every store, so SQLite
// and PostgreSQL agree on what a pull sends and what it revokes.
import type { DocumentStatus } from '@shelfsync/protocol';
import { OPEN_STATUSES } from '@shelfsync/protocol';

export interface DocumentAccess {
  type: string;
  status: DocumentStatus;
  /** Device holding the document (exclusive lease) or the one that completed it. */
  holder: string | null;
  /** `assignee.deviceId`: only this device may see the document. */
  assigneeDevice: string | null;
  cancelReason?: string | null;
  /** The device an admin or the lease rules took the document from. */
  takenFrom?: string | null;
}

export function isVisibleTo(
  doc: DocumentAccess,
  deviceId: string,
  sharedTypes: ReadonlySet<string>,
): boolean {
  return (
    OPEN_STATUSES.includes(doc.status) &&
    (doc.assigneeDevice === null || doc.assigneeDevice === deviceId) &&
    (doc.holder === null || doc.holder === deviceId || sharedTypes.has(doc.type))
  );
}

/** Why a document the device was sent is no longer its to hold (call only when not visible). */
export function revocationReason(doc: DocumentAccess, deviceId: string): string {
  if (doc.status === 'cancelled') return doc.cancelReason ?? 'cancelled';
  if (doc.status === 'exported') return 'exported';
  if (doc.status === 'completed')
    return doc.holder === deviceId ? 'completed' : 'completed by another device';
  if (doc.status === 'rejected') return 'rejected';
  if (doc.takenFrom === deviceId && doc.holder !== deviceId) return 'taken over';
  if (doc.assigneeDevice !== null && doc.assigneeDevice !== deviceId) return 'assigned to another device';
  return 'taken by another device';
}

export function sharedTypeIds(types: readonly { id: string; shared: boolean }[]): Set<string> {
  return new Set(types.filter((t) => t.shared).map((t) => t.id));
}

/** Types a terminal may create documents of (a forged `doc.create` of another type is refused). */
export function creatableTypeIds(
  types: readonly { id: string; creatableOnTerminal: boolean }[],
): Set<string> {
  return new Set(types.filter((t) => t.creatableOnTerminal).map((t) => t.id));
}
