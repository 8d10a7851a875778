// Whether terminals may still add facts to a document (finished and cancelled ones are closed).
import { type Document, OPEN_STATUSES } from '@shelfsync/protocol';

export function isDocumentOpen(doc: Pick<Document, 'status'>): boolean {
  return OPEN_STATUSES.includes(doc.status);
}
