// Looks up a document's type among the configured ones (the base's, or the shipped defaults).
import type { DocumentType } from '@shelfsync/protocol';

/** The type with this id, or undefined when the base does not configure it (DOC_UNKNOWN_TYPE). */
export function findDocumentType(types: readonly DocumentType[], id: string): DocumentType | undefined {
  return types.find((t) => t.id === id);
}
