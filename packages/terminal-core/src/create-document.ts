// A document made on the terminal (an ad-hoc count, a move), for types configured creatableOnTerminal:
// the local copy to work on and the `doc.create` that tells the base, decided before anything is stored.
import { findDocumentType } from '@shelfsync/domain';
import {
  type Document,
  type DocumentType,
  describeIssues,
  type MutationDraft,
  MutationSchema,
  ShelfsyncError,
} from '@shelfsync/protocol';

export interface CreateDocumentRequest {
  type: string;
  /** The number the operator sees; the first 8 characters of the id when omitted. */
  number?: string;
  warehouseId?: string;
}

export interface NewLocalDocument {
  doc: Document;
  mutation: MutationDraft;
}

/** Refuses a type the configuration does not let terminals create (DOC_NOT_CREATABLE). */
export function newLocalDocument(
  types: readonly DocumentType[],
  request: CreateDocumentRequest,
  made: { id: string; at: string; deviceId?: string | undefined },
): NewLocalDocument {
  const type = findDocumentType(types, request.type);
  if (!type) throw new ShelfsyncError('DOC_UNKNOWN_TYPE', undefined, { type: request.type });
  if (!type.creatableOnTerminal) throw new ShelfsyncError('DOC_NOT_CREATABLE', undefined, { type: type.id });
  const number = request.number?.trim() || made.id.slice(0, 8);
  const header = {
    id: made.id,
    type: type.id,
    number,
    date: made.at,
    ...(request.warehouseId !== undefined ? { warehouseId: request.warehouseId } : {}),
  };
  const mutation: MutationDraft = { kind: 'doc.create', at: made.at, doc: { ...header, lines: [] } };
  // A malformed mutation would block the outbox forever, so it is checked before it is stored.
  const parsed = MutationSchema.safeParse({ ...mutation, n: 1 });
  if (!parsed.success) {
    throw new ShelfsyncError('REQ_VALIDATION', undefined, { issues: describeIssues(parsed.error) });
  }
  const doc: Document = {
    ...header,
    status: 'in_progress',
    rev: 0,
    origin: 'terminal',
    lines: [],
    facts: [],
    createdAt: made.at,
    ...(made.deviceId !== undefined ? { deviceId: made.deviceId } : {}),
  };
  return { doc, mutation };
}
