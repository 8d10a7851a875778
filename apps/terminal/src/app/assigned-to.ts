// Which documents an operator sees: those assigned to nobody, to them, or to one of their groups.
// Without a signed-in operator (a base with no users) every document is shown.
import type { Document } from '@shelfsync/protocol';
import type { Operator } from './preferences.js';

export function isAssignedTo(doc: Pick<Document, 'assignee'>, operator: Operator | undefined): boolean {
  const a = doc.assignee;
  if (!operator || !a) return true;
  const byUser = a.userIds && a.userIds.length > 0;
  const byGroup = a.group !== undefined;
  if (!byUser && !byGroup) return true;
  return (byUser && a.userIds?.includes(operator.id)) || (byGroup && operator.groups.includes(a.group ?? ''));
}
