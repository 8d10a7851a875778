// Checks an integration upload of documents beyond its schema (line ids, known types) and shapes
// it for the store.
import { type DocumentInputSchema, ShelfsyncError } from '@shelfsync/protocol';
import type { DocumentPut } from '@shelfsync/store';
import type { z } from 'zod';

type DocumentInput = z.output<typeof DocumentInputSchema>;

/** Plan lines get `String(index + 1)` when the accounting system sends no id; ids must be unique. */
function withLineIds(doc: DocumentInput, docIndex: number): DocumentPut['lines'] {
  const seen = new Set<string>();
  return doc.lines.map((line, i) => {
    const id = line.id ?? String(i + 1);
    if (seen.has(id)) {
      throw new ShelfsyncError('REQ_VALIDATION', `Document ${doc.id}: line id "${id}" is used twice.`, {
        index: docIndex,
        issues: [{ path: `lines.${i}.id`, message: `duplicate line id "${id}"` }],
      });
    }
    seen.add(id);
    return { ...line, id };
  });
}

/**
 * Validates documents against the configured types and fills in line ids. Throws REQ_VALIDATION
 * (duplicate document or line ids) or DOC_UNKNOWN_TYPE, naming the document's index.
 */
export function prepareDocuments(
  docs: readonly DocumentInput[],
  knownTypes: ReadonlySet<string>,
): DocumentPut[] {
  const ids = new Set<string>();
  return docs.map((doc, index) => {
    if (ids.has(doc.id)) {
      throw new ShelfsyncError('REQ_VALIDATION', `Document ${doc.id} appears twice in the upload.`, {
        index,
        issues: [{ path: 'id', message: `duplicate document id "${doc.id}"` }],
      });
    }
    ids.add(doc.id);
    if (!knownTypes.has(doc.type)) {
      throw new ShelfsyncError('DOC_UNKNOWN_TYPE', undefined, {
        index,
        id: doc.id,
        type: doc.type,
        known: [...knownTypes],
      });
    }
    return { ...doc, lines: withLineIds(doc, index), origin: 'accounting' };
  });
}
