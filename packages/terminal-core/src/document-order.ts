// The order in which a terminal offers its documents: personal ones first (this device or the
// signed-in operator), then by priority (higher first), then by date (older first), then by number.
import type { Document } from '@shelfsync/protocol';
import { OPEN_STATUSES } from '@shelfsync/protocol';

export interface Who {
  deviceId?: string | undefined;
  operatorId?: string | null | undefined;
  /** The operator's groups (users catalog). */
  groups?: readonly string[] | undefined;
}

export function isPersonal(doc: Document, who: Who): boolean {
  const a = doc.assignee;
  if (!a) return false;
  if (who.deviceId !== undefined && a.deviceId === who.deviceId) return true;
  if (a.group !== undefined && (who.groups ?? []).includes(a.group)) return true;
  return typeof who.operatorId === 'string' && (a.userIds ?? []).includes(who.operatorId);
}

/** Open documents in task-list order. */
export function orderDocuments(docs: readonly Document[], who: Who): Document[] {
  const key = (d: Document) =>
    [isPersonal(d, who) ? 0 : 1, -(d.priority ?? 0), d.date ?? d.createdAt ?? ''] as const;
  return docs
    .filter((d) => OPEN_STATUSES.includes(d.status))
    .sort((x, y) => {
      const [a, b] = [key(x), key(y)];
      return (
        a[0] - b[0] ||
        a[1] - b[1] ||
        a[2].localeCompare(b[2]) ||
        (x.number ?? x.id).localeCompare(y.number ?? y.id)
      );
    });
}
