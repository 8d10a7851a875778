// Re-applies the terminal's unacknowledged mutations on top of a document just pulled from the base,
// so a pull never hides a scan that is still waiting in the outbox. Every store adapter calls this
// inside the transaction that stores the pulled document.
import { type Document, type Mutation, OPEN_STATUSES } from '@shelfsync/protocol';

/** `doc` from the base with `pending` (this document's outbox entries, in order) applied again. */
export function rebaseDocument(doc: Document, pending: readonly Mutation[]): Document {
  if (pending.length === 0) return doc;
  const known = new Set(doc.facts.map((f) => f.id));
  const facts = [...doc.facts];
  let status = doc.status;
  for (const m of pending) {
    if (m.kind === 'fact.add' && !known.has(m.fact.id)) {
      known.add(m.fact.id);
      facts.push(m.fact);
    }
    // A status the base has already closed (cancelled, exported) stays; the push will be refused.
    if (!OPEN_STATUSES.includes(status)) continue;
    if (m.kind === 'doc.start' || m.kind === 'fact.add') status = 'in_progress';
    else if (m.kind === 'doc.complete') status = 'completed';
    else if (m.kind === 'doc.release') status = 'released';
  }
  return { ...doc, facts, status };
}

/** The document id a mutation is about, if any. */
export function mutationDocId(m: Mutation): string | undefined {
  return m.kind === 'doc.create' ? m.doc.id : m.docId;
}
