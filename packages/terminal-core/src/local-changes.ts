// Pure decisions for the operator's actions, run inside the store's transaction against the stored
// document: what the document becomes and which mutations describe it (DESIGN.md §5.5).
import { applyScan, findDocumentType, type ScanInput, type ScanOutcome } from '@shelfsync/domain';
import {
  type Document,
  type DocumentType,
  describeIssues,
  ERRORS,
  type MutationDraft,
  MutationSchema,
  OPEN_STATUSES,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { LocalChange } from './terminal-store.js';

/** The first change to a document not yet taken by this terminal also tells the base to take it. */
function startIfNeeded(doc: Document, at: string): MutationDraft[] {
  return doc.status === 'new' || doc.status === 'released' ? [{ kind: 'doc.start', at, docId: doc.id }] : [];
}

/** Mutations are checked before they are stored: a malformed one would block the outbox forever. */
function checked(drafts: MutationDraft[]): MutationDraft[] {
  for (const draft of drafts) {
    const parsed = MutationSchema.safeParse({ ...draft, n: 1 });
    if (!parsed.success) {
      throw new ShelfsyncError('REQ_VALIDATION', undefined, { issues: describeIssues(parsed.error) });
    }
  }
  return drafts;
}

export function scanChange(
  doc: Document,
  types: readonly DocumentType[],
  scan: ScanInput,
): LocalChange<ScanOutcome> {
  const type = findDocumentType(types, doc.type);
  if (!type) {
    return {
      result: {
        ok: false,
        code: 'DOC_UNKNOWN_TYPE',
        message: ERRORS.DOC_UNKNOWN_TYPE.message,
        details: { type: doc.type },
      },
    };
  }
  const outcome = applyScan(doc, type, scan);
  if (!outcome.ok) return { result: outcome };
  const mutations = checked([
    ...startIfNeeded(doc, scan.at),
    { kind: 'fact.add', at: scan.at, docId: doc.id, fact: outcome.fact },
  ]);
  return {
    result: outcome,
    doc: { ...doc, status: 'in_progress', facts: [...doc.facts, outcome.fact] },
    mutations,
  };
}

function assertOpen(doc: Document): void {
  if (!OPEN_STATUSES.includes(doc.status)) {
    throw new ShelfsyncError('DOC_CLOSED', undefined, { docId: doc.id, status: doc.status });
  }
}

export function completeChange(doc: Document, at: string): LocalChange<Document> {
  assertOpen(doc);
  const done: Document = { ...doc, status: 'completed', completedAt: at };
  return {
    result: done,
    doc: done,
    mutations: checked([...startIfNeeded(doc, at), { kind: 'doc.complete', at, docId: doc.id }]),
  };
}

export function releaseChange(doc: Document, at: string, reason?: string): LocalChange<Document> {
  assertOpen(doc);
  const released: Document = { ...doc, status: 'released' };
  const mutation: MutationDraft = { kind: 'doc.release', at, docId: doc.id, ...(reason ? { reason } : {}) };
  return { result: released, doc: released, mutations: checked([mutation]) };
}
